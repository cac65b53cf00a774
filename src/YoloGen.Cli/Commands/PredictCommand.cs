using System.CommandLine;
using TorchSharp;
using YoloGen.Cli.Parsing;
using System.Text.Json;
using YoloGen.Data;
using YoloGen.Prediction;
using YoloGen.Training;
using YoloGen.Validation;

namespace YoloGen.Cli.Commands;

/// <summary>
/// <c>yologen predict --weights &lt;w.safetensors|model.onnx&gt; --source &lt;image|folder&gt; [--model &lt;name&gt;] [--imgsz 640]
/// [--conf 0.25] [--iou 0.7] [--max-det 300] [--device cpu] [--backend torch|onnx] [--project runs/detect] [--name predict]</c>: detects objects
/// and writes each image with its boxes and labels drawn, plus <c>predictions.json</c>, to a new run folder.
/// </summary>
public sealed class PredictCommand : CliCommand
{
    private readonly CliOption<string> _reference;
    private readonly CliOption<string?> _weights, _source, _model, _device, _backend, _project, _name;
    private readonly CliOption<int> _imgsz, _maxDet;
    private readonly CliOption<double> _conf, _iou;

    public PredictCommand() : base("predict", "detect objects in images; writes each image with its boxes drawn, and predictions.json, to a new run folder")
    {
        _weights = Add(SharedOptions.Weights(required: true));
        _source = Add(CliOptions.Text("--source", "image|folder", "an image, or a folder whose images (.jpg, .png, …) are read", required: true).AlsoUltralytics("source"));
        _model = Add(SharedOptions.Model("predict", "the network, for a plain state dict (a checkpoint names its own)", weightsOption: "--weights"));
        _imgsz = Add(SharedOptions.ImageSize(640, "the long side images are letterboxed to"));
        _conf = Add(CliOptions.Double("--conf", "x", "minimum confidence", NmsSettings.Predict.Confidence, min: 0, max: 1).AlsoUltralytics("conf"));
        _iou = Add(CliOptions.Double("--iou", "x", "IoU above which NMS drops the lower-scored box", NmsSettings.Predict.Iou, min: 0, max: 1).AlsoUltralytics("iou"));
        _maxDet = Add(CliOptions.Int("--max-det", "n", "most detections kept per image", NmsSettings.Predict.MaxDetections, min: 1).AlsoUltralytics("max_det"));
        _device = Add(SharedOptions.Device());
        _reference = Add(SharedOptions.Reference());
        _backend = Add(SharedOptions.Backend());
        _project = Add(SharedOptions.Project("runs/detect"));
        _name = Add(SharedOptions.Name("predict"));
    }

    public override IReadOnlyList<(string, string)> Examples { get; } =
    [
        ("yologen predict --weights runs/detect/train/weights/best.safetensors --source photos/", "every image of photos/ into runs/detect/predict"),
        ("yologen predict --weights best.onnx --source bus.jpg", "an exported ONNX model, run by ONNX Runtime"),
        ("yologen predict model=runs/detect/train/weights/best.safetensors source=bus.jpg conf=0.5", "the reference's spelling"),
    ];

    protected override int Run(ParseResult result, TextWriter output)
    {
        string weights = result.GetValue(_weights)!;
        string source = result.GetValue(_source)!;
        string? modelName = result.GetValue(_model);
        int imgsz = result.GetValue(_imgsz);
        double conf = result.GetValue(_conf);
        double iou = result.GetValue(_iou);
        int maxDet = result.GetValue(_maxDet);
        string device = result.GetValue(_device)!;
        string project = result.GetValue(_project)!;
        string name = result.GetValue(_name)!;
        string? backend = result.GetValue(_backend);
        var error = result.InvocationConfiguration.Error;

        var files = Directory.Exists(source)
            ? Directory.EnumerateFiles(source).Where(ImageFiles.IsImage).Order(StringComparer.Ordinal).ToList()
            : File.Exists(source) ? [source] : throw new CliException($"predict: --source {source} is neither a file nor a folder");
        if (files.Count == 0) throw new CliException($"predict: no images (.jpg, .png, …) in {source}");

        var (network, names, owner) = NetworkLookup.Open("predict", modelName, weights, device, backend, SharedOptions.Rules(result.GetValue(_reference)!));
        using var _ = owner;
        var settings = NmsSettings.Predict with { Confidence = conf, Iou = iou, MaxDetections = maxDet };
        var predictor = new Predictor(network, names, imgsz, settings);
        var run = RunDirectory.CreateNew(project, name);

        var results = new List<ImagePrediction>();
        foreach (var file in files)
        {
            RgbImage image;
            try { image = ImageCodec.Decode(file); }
            catch (DatasetException e)
            {
                error.WriteLine($"predict: skipping {file}: {e.Message}");
                continue;
            }
            var detections = predictor.Predict(image);
            results.Add(new ImagePrediction(file, image.Width, image.Height, detections));
            DetectionDrawing.Save(image, detections, Path.Combine(run.Path, Path.GetFileNameWithoutExtension(file) + ".jpg"));
            string summary = detections.Count == 0 ? "no detections"
                : string.Join(", ", detections.GroupBy(d => d.Name).Select(g => $"{g.Count()} {g.Key}"));
            output.WriteLine($"{file}: {image.Width}x{image.Height}, {summary}");
        }
        if (results.Count == 0) throw new CliException($"predict: none of the {files.Count} image(s) in {source} could be read");
        string json = JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });
        RunDirectory.WriteAllTextAtomic(Path.Combine(run.Path, "predictions.json"), json);
        output.WriteLine($"Results saved to {run.Path}");
        return 0;
    }
}
