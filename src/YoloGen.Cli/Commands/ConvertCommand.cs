using System.CommandLine;
using YoloGen.Cli.Parsing;
using YoloGen.IO;

namespace YoloGen.Cli.Commands;

/// <summary>
/// <c>yologen convert IN OUT [--model M]</c>: converts by the files' extensions — <c>.pt</c> → <c>.safetensors</c> (the
/// checkpoint's weights as a float32 state dict) or <c>.safetensors</c> → <c>.pt</c> (an Ultralytics checkpoint the
/// reference loads; the network is the training record's model or <c>--model</c>).
/// </summary>
public sealed class ConvertCommand : CliCommand
{
    private readonly Argument<string> _input = new("in") { Description = "the weights to read: x.pt or x.safetensors" };
    private readonly Argument<string> _output = new("out") { Description = "the file to write: the other extension" };
    private readonly CliOption<string?> _model;

    public ConvertCommand() : base("convert", "convert weights by extension: .pt (Ultralytics checkpoint) ↔ .safetensors")
    {
        Arguments.Add(_input);
        Arguments.Add(_output);
        _model = Add(SharedOptions.Model("convert", "the network, for .safetensors → .pt when the file does not name it"));
    }

    public override IReadOnlyList<(string, string)> Examples { get; } =
    [
        ("yologen convert yolo11n.pt yolo11n.safetensors", "the checkpoint's weights as a float32 state dict (its class names in the metadata)"),
        ("yologen convert best.safetensors best.pt", "an Ultralytics checkpoint that YOLO(\"best.pt\") loads in Python"),
    ];

    protected override int Run(ParseResult result, TextWriter output) =>
        Run(result.GetValue(_input)!, result.GetValue(_output)!, result.GetValue(_model), output);

    public static int Run(string input, string target, string? modelName, TextWriter output)
    {
        if (!File.Exists(input)) throw new CliException($"convert: {input} does not exist");
        bool fromPt = WeightsFile.IsCheckpoint(input), toPt = WeightsFile.IsCheckpoint(target);
        bool toSafeTensors = target.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase);
        if (fromPt && toSafeTensors)
        {
            WeightsFile.CheckpointToSafeTensors(input, target);
        }
        else if (!fromPt && toPt)
        {
            var (model, names) = ModelLookup.CreateWithWeights("convert", modelName, input);
            using (model) WeightsFile.SaveCheckpoint(target, model, names);
        }
        else
        {
            throw CliException.Usage($"convert: converts .pt → .safetensors or .safetensors → .pt (by extension); got {Path.GetFileName(input)} → {Path.GetFileName(target)}");
        }
        output.WriteLine($"{input} → {target}");
        return 0;
    }
}
