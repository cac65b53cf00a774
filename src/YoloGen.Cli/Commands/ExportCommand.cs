using YoloGen.Export;

namespace YoloGen.Cli.Commands;

/// <summary>
/// <c>yologen export --weights &lt;w.safetensors&gt; [--model &lt;name&gt;] [--format onnx] [--imgsz 640 | --imgsz H W]
/// [--batch 1 | --dynamic] [--opset 17] [--output FILE]</c>: writes the network with its weights as an ONNX model
/// (docs/export.md), next to the weights with the .onnx extension unless --output says otherwise.
/// </summary>
public static class ExportCommand
{
    /// <summary>The typed request behind the command line.</summary>
    public sealed record Request(string Weights, string? Model, int Height, int Width, int Batch, bool Dynamic, int Opset, string? Output);

    public static int Run(CliArgs args)
    {
        string weights = args.Required("weights");
        string? model = args.String("model");
        string format = args.Choice("format", "onnx", "onnx");
        _ = format;
        int height = args.Int("imgsz", 640, min: 32, max: 8192);
        int width = height;
        if (args.Positionals.Count == 1)
        {
            // --imgsz H W: the parser leaves W as a positional.
            if (!int.TryParse(args.Positionals[0], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out width) || width < 32 || width > 8192)
                throw new CliException($"export: --imgsz takes one size or a height and a width in [32, 8192], got width '{args.Positionals[0]}'");
        }
        bool dynamic = args.Flag("dynamic");
        var (batchGiven, _) = args.Optional("batch");
        int batch = args.Int("batch", 1, min: 1, max: 1024);
        if (dynamic && batchGiven) throw new CliException("export: give --batch N or --dynamic, not both");
        int opset = args.Int("opset", OnnxExportOptions.DefaultOpset);
        if (args.Flag("half")) throw new CliException("export: --half is not supported yet; export float32 (the default)");
        string? output = args.String("output");
        args.EnsureAllUsed(maxPositionals: 1);
        return Run(new Request(weights, model, height, width, batch, dynamic, opset, output), Console.Out);
    }

    public static int Run(Request request, TextWriter output)
    {
        if (request.Opset is < OnnxGraph.MinOpset or > OnnxGraph.MaxOpset)
            throw new CliException($"export: --opset {request.Opset} is not supported; opsets {OnnxGraph.MinOpset} to {OnnxGraph.MaxOpset} are");
        var (model, names) = ModelLookup.CreateWithWeights("export", request.Model, request.Weights);
        using var _ = model;
        string path = request.Output ?? Path.ChangeExtension(request.Weights, ".onnx");
        var options = new OnnxExportOptions
        {
            Height = request.Height, Width = request.Width, Batch = request.Batch, Dynamic = request.Dynamic,
            Opset = request.Opset, Names = names,
        };
        OnnxExportResult result;
        try { result = OnnxExporter.Export(model, path, options); }
        catch (OnnxExportException e) { throw new CliException($"export: {model.ModelName}: {e.Message}"); }
        string shape = request.Dynamic ? "dynamic batch and size" : $"{request.Batch}x3x{request.Height}x{request.Width}";
        output.WriteLine($"{model.ModelName} → {result.Path} (ONNX opset {request.Opset}, {shape}, {result.Nodes} nodes, {result.Bytes / 1e6:F1} MB)");
        return 0;
    }
}
