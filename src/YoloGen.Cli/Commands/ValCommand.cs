using TorchSharp;
using YoloGen.Validation;

namespace YoloGen.Cli.Commands;

/// <summary>
/// <c>yologen val --detections &lt;file.json&gt; [--json]</c>: scores detections against ground truths given as JSON
/// (<see cref="DetectionsFile"/>: <c>names</c>, <c>images[].gt.boxes/cls</c>, <c>images[].pred.boxes/conf/cls</c>, xyxy
/// pixels) with the reference's matching and metrics, and prints the metrics table (<c>--json</c>: mp, mr, map50, map75,
/// map, fitness, maps and per-class values). Each mode of <c>val</c> is chosen by its input option; validating a model
/// on a dataset (<c>--model</c>/<c>--data</c>) is a separate mode.
/// </summary>
public static class ValCommand
{
    public static int Run(CliArgs args) => Run(args, Console.Out);

    public static int Run(CliArgs args, TextWriter output)
    {
        string? detections = args.String("detections");
        string? weights = args.String("weights");
        bool json = args.Flag("json");
        if (detections is not null)
        {
            args.EnsureAllUsed();
            return ScoreDetections(detections, json, output);
        }
        if (weights is not null) return ValidateModel(args, weights, json, output);
        throw new CliException("val: give --weights <w.safetensors> [--model <name>] [--data <data.yaml>] to validate a model, " +
                               "or --detections <file.json> to score detections against ground truths");
    }

    /// <summary>
    /// <c>yologen val --weights &lt;w.safetensors&gt; [--model &lt;name&gt;] [--data &lt;data.yaml&gt;] [--imgsz 320] [--batch 32]
    /// [--device cpu] [--split val] [--json]</c>: validates a trained model (a checkpoint names its model and classes) on a
    /// dataset split — the synthetic default when --data is absent — with the reference's NMS and metrics.
    /// </summary>
    private static int ValidateModel(CliArgs args, string weights, bool json, TextWriter output)
    {
        string? modelName = args.String("model");
        string? data = args.String("data");
        int imgsz = args.Int("imgsz", 320, min: 32, max: 4096);
        int batch = args.Int("batch", 32, min: 1, max: 4096);
        string device = args.String("device") ?? "cpu";
        string split = args.Choice("split", "val", "train", "val", "test");
        int workers = args.Int("workers", 2, min: 0, max: 64);
        string? backend = args.String("backend");
        args.EnsureAllUsed();
        if (imgsz % 32 != 0) throw new CliException($"val: --imgsz must be a multiple of 32, got {imgsz}");

        var (network, names, owner) = NetworkLookup.Open("val", modelName, weights, device, backend);
        using (owner)
        {
            // A fixed-size ONNX model takes square batches of its own size (as the reference validates such exports).
            bool rect = network.FixedSize is null;
            if (network.FixedSize is { } size)
            {
                if (size.Height != size.Width)
                    throw new CliException($"val: {weights} takes {size.Height}x{size.Width} images only; validation batches are square (export it with --dynamic)");
                imgsz = size.Height;
            }
            if (network.FixedBatch is { } fixedBatch) batch = fixedBatch;
            var config = YoloGen.Data.DatasetConfig.Load(data ?? YoloGen.Data.SyntheticDataset.Ensure(Path.Combine("datasets", "synthetic")));
            if (config.NumClasses != network.NumClasses)
                throw new CliException($"val: {config.YamlPath} has {config.NumClasses} classes but the weights have {network.NumClasses}");
            var dataset = YoloGen.Data.DetectionDataset.Load(config, split);
            var loader = new YoloGen.Data.ValLoader(dataset, new YoloGen.Data.LoaderOptions
            {
                ImageSize = imgsz, BatchSize = batch, Workers = workers, Shuffle = false, Rect = rect,
                Augment = YoloGen.Data.AugmentOptions.None,
            });
            var result = Validator.Run(network, loader);
            if (json) MetricsReport.WriteJson(result.Metrics, result.Stats, config.Names, output);
            else
            {
                MetricsReport.WriteTable(result.Metrics, result.Stats, config.Names, result.Images, output);
                output.WriteLine($"{result.Images} images in {result.Seconds:F1} s ({names.Count} classes, weights {weights})");
            }
        }
        return 0;
    }

    private static int ScoreDetections(string path, bool json, TextWriter output)
    {
        DetectionsFile file;
        try { file = DetectionsFile.Load(path); }
        catch (DetectionsFileException e) { throw new CliException($"val: {e.Message}"); }
        var stats = file.ToStats();
        var metrics = stats.Compute();
        if (json) MetricsReport.WriteJson(metrics, stats, file.Names, output);
        else MetricsReport.WriteTable(metrics, stats, file.Names, file.Images.Count, output);
        return 0;
    }
}
