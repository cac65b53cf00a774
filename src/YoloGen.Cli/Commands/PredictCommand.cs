using TorchSharp;
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
public static class PredictCommand
{
    public static int Run(CliArgs args)
    {
        string weights = args.Required("weights");
        string source = args.Required("source");
        string? modelName = args.String("model");
        int imgsz = args.Int("imgsz", 640, min: 32, max: 8192);
        double conf = args.Double("conf", NmsSettings.Predict.Confidence, min: 0, max: 1);
        double iou = args.Double("iou", NmsSettings.Predict.Iou, min: 0, max: 1);
        int maxDet = args.Int("max-det", NmsSettings.Predict.MaxDetections, min: 1);
        string device = args.String("device") ?? "cpu";
        string project = args.String("project") ?? "runs/detect";
        string name = args.String("name") ?? "predict";
        string? backend = args.String("backend");
        args.EnsureAllUsed();

        var files = Directory.Exists(source)
            ? Directory.EnumerateFiles(source).Where(ImageFiles.IsImage).Order(StringComparer.Ordinal).ToList()
            : File.Exists(source) ? [source] : throw new CliException($"predict: --source {source} is neither a file nor a folder");
        if (files.Count == 0) throw new CliException($"predict: no images (.jpg, .png, …) in {source}");

        var (network, names, owner) = NetworkLookup.Open("predict", modelName, weights, device, backend);
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
                Console.Error.WriteLine($"predict: skipping {file}: {e.Message}");
                continue;
            }
            var detections = predictor.Predict(image);
            results.Add(new ImagePrediction(file, image.Width, image.Height, detections));
            DetectionDrawing.Save(image, detections, Path.Combine(run.Path, Path.GetFileNameWithoutExtension(file) + ".jpg"));
            string summary = detections.Count == 0 ? "no detections"
                : string.Join(", ", detections.GroupBy(d => d.Name).Select(g => $"{g.Count()} {g.Key}"));
            Console.WriteLine($"{file}: {image.Width}x{image.Height}, {summary}");
        }
        string json = JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });
        RunDirectory.WriteAllTextAtomic(Path.Combine(run.Path, "predictions.json"), json);
        Console.WriteLine($"Results saved to {run.Path}");
        return 0;
    }
}
