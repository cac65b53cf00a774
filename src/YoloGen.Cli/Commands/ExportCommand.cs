using System.CommandLine;
using YoloGen.Cli.Parsing;
using YoloGen.IO;

namespace YoloGen.Cli.Commands;

/// <summary>What <c>yologen export --weights W --format pt [--model M] [--output O]</c> was asked.</summary>
public sealed record ExportOptions(string Weights, string Format, string? Model, string? Output);

/// <summary>
/// <c>yologen export --weights W --format pt [--model M] [--output O]</c>: writes the weights as an Ultralytics checkpoint
/// (<c>YOLO("x.pt")</c> in Python loads it); the output defaults to the weights' name with <c>.pt</c>.
/// </summary>
public sealed class ExportCommand : CliCommand
{
    private readonly CliOption<string?> _weights, _model, _output;
    private readonly CliOption<string> _format;

    public ExportCommand() : base("export", "write trained weights in another format: an Ultralytics checkpoint (pt)")
    {
        _weights = Add(SharedOptions.Weights(required: true));
        _model = Add(SharedOptions.Model("export", "the network, when the weights file does not name it", weightsOption: "--weights"));
        _format = Add(CliOptions.Choice("--format", "the format to write", "pt", "pt").AlsoUltralytics("format"));
        _output = Add(CliOptions.Text("--output", "file", "the file to write (default: the weights' name with the format's extension)"));
    }

    public override IReadOnlyList<(string, string)> Examples { get; } =
    [
        ("yologen export --weights runs/detect/train/weights/best.safetensors --format pt", "best.pt beside it, an Ultralytics checkpoint"),
    ];

    protected override int Run(ParseResult result, TextWriter output) =>
        Run(new ExportOptions(result.GetValue(_weights)!, result.GetValue(_format)!, result.GetValue(_model), result.GetValue(_output)), output);

    public static int Run(ExportOptions o, TextWriter output)
    {
        string target = o.Output ?? Path.ChangeExtension(o.Weights, ".pt");
        if (Path.GetFullPath(target) == Path.GetFullPath(o.Weights)) throw CliException.Usage($"export: {target} would overwrite the weights; give --output");
        var (model, names) = ModelLookup.CreateWithWeights("export", o.Model, o.Weights);
        using (model) WeightsFile.SaveCheckpoint(target, model, names);
        output.WriteLine($"Exported {o.Weights} → {target} (Ultralytics checkpoint, half precision)");
        return 0;
    }
}
