using System.CommandLine;
using System.Globalization;
using YoloGen.Cli.Parsing;
using YoloGen.Export;
using YoloGen.IO;

namespace YoloGen.Cli.Commands;

/// <summary>
/// <c>yologen export --weights W [--model M] [--format onnx|pt] [--imgsz 640 | --imgsz H W] [--batch N | --dynamic]
/// [--opset 17] [--output FILE]</c>: writes trained weights in another format, next to the weights with the format's
/// extension unless <c>--output</c> says otherwise — an ONNX model of the network with its decoding (docs/export.md,
/// the default, as the reference's), or an Ultralytics checkpoint that <c>YOLO("x.pt")</c> loads (docs/checkpoints.md).
/// </summary>
public sealed class ExportCommand : CliCommand
{
    private const string Onnx = "onnx", Pt = "pt";

    /// <summary>The typed request behind the command line.</summary>
    public sealed record Request(string Weights, string? Model, string Format, int Height, int Width, int Batch, bool Dynamic, int Opset, string? Output);

    private readonly CliOption<string?> _weights, _model, _output;
    private readonly CliOption<string> _format;
    private readonly CliOption<int[]> _imgsz;
    private readonly CliOption<int> _batch, _opset;
    private readonly CliOption<bool> _dynamic;

    public ExportCommand() : base("export", "write trained weights as an ONNX model (the default) or an Ultralytics checkpoint (--format pt)")
    {
        _weights = Add(SharedOptions.Weights(required: true));
        _model = Add(SharedOptions.Model("export", "the network, when the weights file does not name it", weightsOption: "--weights"));
        _format = Add(CliOptions.Choice("--format", "onnx: the network and its decoding as an ONNX model; pt: an Ultralytics checkpoint", Onnx, Onnx, Pt).AlsoUltralytics("format"));
        _imgsz = Add(new CliOption<int[]>("--imgsz")
        {
            HelpName = "pixels | H W", Description = "ONNX input size: one side (square) or a height and a width, multiples of the largest stride",
            Arity = new ArgumentArity(1, 2), AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [640], DefaultText = "640",
            CustomParser = r => r.Tokens.Select(t => ParseSize(t.Value)).ToArray(),
        }.AlsoUltralytics("imgsz", v => ["--imgsz", .. v.Trim('[', ']', '(', ')').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)]));
        _batch = Add(SharedOptions.Batch(1, "ONNX batch size (fixed)"));
        _dynamic = Add(CliOptions.Flag("--dynamic", "ONNX with a dynamic batch, height and width instead of --batch and --imgsz").AlsoUltralytics("dynamic", v => bool.TryParse(v, out bool b) && b ? ["--dynamic"] : []));
        _opset = Add(CliOptions.Int("--opset", "n", $"ONNX opset ({OnnxGraph.MinOpset} to {OnnxGraph.MaxOpset})", OnnxExportOptions.DefaultOpset, min: OnnxGraph.MinOpset, max: OnnxGraph.MaxOpset).AlsoUltralytics("opset"));
        _output = Add(CliOptions.Text("--output", "file", "the file to write (default: the weights' name with .onnx or .pt)"));
    }

    public override IReadOnlyList<(string, string)> Examples { get; } =
    [
        ("yologen export --weights runs/detect/train/weights/best.safetensors", "best.onnx beside it: 1x3x640x640 in, [1, 4 + nc, 8400] out"),
        ("yologen export --weights best.safetensors --dynamic --opset 17", "any batch and image size"),
        ("yologen export --weights best.safetensors --format pt", "best.pt, an Ultralytics checkpoint the reference loads"),
    ];

    protected override int Run(ParseResult result, TextWriter output)
    {
        string format = result.GetValue(_format)!;
        if (format == Pt && new Option[] { _imgsz, _batch, _dynamic, _opset }.FirstOrDefault(o => Given(result, o)) is { } onnxOnly)
            throw CliException.Usage($"export: {onnxOnly.Name} applies to --format onnx; a checkpoint holds the weights only");
        if (result.GetValue(_dynamic) && Given(result, _batch))
            throw CliException.Usage("export: give --batch N or --dynamic, not both");
        int[] size = result.GetValue(_imgsz)!;
        return Run(new Request(result.GetValue(_weights)!, result.GetValue(_model), format, size[0], size[^1],
            result.GetValue(_batch), result.GetValue(_dynamic), result.GetValue(_opset), result.GetValue(_output)), output);
    }

    public static int Run(Request request, TextWriter output)
    {
        string target = request.Output ?? Path.ChangeExtension(request.Weights, "." + request.Format);
        if (Path.GetFullPath(target) == Path.GetFullPath(request.Weights))
            throw CliException.Usage($"export: {target} would overwrite the weights; give --output");
        var (model, names) = ModelLookup.CreateWithWeights("export", request.Model, request.Weights);
        using var _ = model;
        if (request.Format == Pt)
        {
            WeightsFile.SaveCheckpoint(target, model, names);
            output.WriteLine($"Exported {request.Weights} → {target} (Ultralytics checkpoint, half precision)");
            return 0;
        }
        var options = new OnnxExportOptions
        {
            Height = request.Height, Width = request.Width, Batch = request.Batch, Dynamic = request.Dynamic,
            Opset = request.Opset, Names = names,
        };
        OnnxExportResult result;
        try { result = OnnxExporter.Export(model, target, options); }
        catch (OnnxExportException e) { throw new CliException($"export: {model.ModelName}: {e.Message}"); }
        string shape = request.Dynamic ? "dynamic batch and size" : $"{request.Batch}x3x{request.Height}x{request.Width}";
        output.WriteLine($"{model.ModelName} → {result.Path} (ONNX opset {request.Opset}, {shape}, {result.Nodes} nodes, {result.Bytes / 1e6:F1} MB)");
        return 0;
    }

    private static int ParseSize(string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v is >= 32 and <= 8192 ? v
            : throw CliException.Usage($"export: --imgsz takes one size or a height and a width in [32, 8192], got '{text}'");
}
