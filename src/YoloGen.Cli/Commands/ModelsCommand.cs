using System.CommandLine;
using YoloGen.Cli.Parsing;
using YoloGen.Models;

namespace YoloGen.Cli.Commands;

/// <summary><c>yologen models</c>: the model names compiled into this program, one per line.</summary>
public sealed class ModelsCommand : CliCommand
{
    public ModelsCommand() : base("models", "list the networks compiled into this program (every models/*.yaml, each scale)") { }

    public override IReadOnlyList<(string, string)> Examples { get; } =
        [("yologen models", "one name per line: yolo11n, yolo11s, …, yolo11n-se, …")];

    protected override int Run(ParseResult result, TextWriter output)
    {
        foreach (var name in YoloModels.Names) output.WriteLine(name);
        return 0;
    }
}
