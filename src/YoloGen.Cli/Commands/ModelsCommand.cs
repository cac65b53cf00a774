using YoloGen.Models;

namespace YoloGen.Cli.Commands;

/// <summary><c>yologen models</c>: the model names compiled into this program, one per line.</summary>
public static class ModelsCommand
{
    public static int Run(CliArgs args) => Run(args, Console.Out);

    public static int Run(CliArgs args, TextWriter output)
    {
        args.EnsureAllUsed();
        foreach (var name in YoloModels.Names) output.WriteLine(name);
        return 0;
    }
}
