using System.CommandLine;
using TorchSharp;
using YoloGen.Cli.Parsing;
using YoloGen.Validation;

namespace YoloGen.Cli.Commands;

/// <summary>
/// <c>yologen val --detections &lt;file.json&gt; [--json]</c>: scores detections against ground truths given as JSON
/// (<see cref="DetectionsFile"/>: <c>names</c>, <c>images[].gt.boxes/cls</c>, <c>images[].pred.boxes/conf/cls</c>, xyxy
/// pixels) with the reference's matching and metrics, and prints the metrics table (<c>--json</c>: mp, mr, map50, map75,
/// map, fitness, maps and per-class values). Each mode of <c>val</c> is chosen by its input option; validating a model
/// on a dataset (<c>--model</c>/<c>--data</c>) is a separate mode.
/// </summary>
public sealed class ValCommand : CliCommand
{
    private readonly CliOption<string> _reference;
    private readonly CliOption<string?> _detections, _weights, _model, _data, _device, _backend;
    private readonly CliOption<int> _imgsz, _batch, _workers;
    private readonly CliOption<string> _split;
    private readonly CliOption<bool> _json;

    public ValCommand() : base("val", "validate trained weights on a dataset (--weights), or score a detections file against its ground truths (--detections)")
    {
        _weights = Add(SharedOptions.Weights(required: false));
        _detections = Add(CliOptions.Text("--detections", "file.json",
            "score these detections instead: names, images[].gt.boxes/cls, images[].pred.boxes/conf/cls (xyxy pixels)"));
        _model = Add(SharedOptions.Model("val", "the network, for a plain state dict (a checkpoint names its own)", weightsOption: "--weights"));
        _data = Add(SharedOptions.Data("dataset YAML"));
        _data.DefaultText = "the embedded synthetic dataset";
        _imgsz = Add(SharedOptions.ImageSize(320, "validation image size, a multiple of 32", max: 4096));
        _batch = Add(SharedOptions.Batch(32, "images per batch"));
        _device = Add(SharedOptions.Device());
        _reference = Add(SharedOptions.Reference());
        _backend = Add(SharedOptions.Backend());
        _split = Add(CliOptions.Choice("--split", "the dataset split to validate on", "val", "train", "val", "test").AlsoUltralytics("split"));
        _workers = Add(SharedOptions.Workers(2));
        _json = Add(SharedOptions.Json("mp, mr, map50, map75, map, fitness, maps and per-class values"));
    }

    public override IReadOnlyList<(string, string)> Examples { get; } =
    [
        ("yologen val --weights runs/detect/train/weights/best.safetensors --data coco8.yaml", "the metrics table of trained weights on a dataset's val split"),
        ("yologen val --detections detections.json --json", "any detector's output scored with the reference's matching and metrics"),
    ];

    protected override int Run(ParseResult result, TextWriter output)
    {
        string? detections = result.GetValue(_detections);
        string? weights = result.GetValue(_weights);
        bool json = result.GetValue(_json);
        if (detections is not null)
        {
            var modelOnly = new Option[] { _weights, _model, _data, _imgsz, _batch, _device, _backend, _split, _workers }.FirstOrDefault(o => Given(result, o));
            if (modelOnly is not null)
                throw CliException.Usage($"val: {modelOnly.Name} validates weights; --detections scores a file and takes only --json");
            return ScoreDetections(detections, json, output);
        }
        if (weights is not null) return ValidateModel(result, weights, json, output);
        throw CliException.Usage("val: give --weights <w.safetensors> [--model <name>] [--data <data.yaml>] to validate a model, " +
                                 "or --detections <file.json> to score detections against ground truths");
    }

    /// <summary>
    /// Validates a trained model (a checkpoint names its model and classes) on a dataset split — the synthetic default
    /// when --data is absent — with the reference's NMS and metrics.
    /// </summary>
    private int ValidateModel(ParseResult result, string weights, bool json, TextWriter output)
    {
        string? modelName = result.GetValue(_model);
        string? data = result.GetValue(_data);
        int imgsz = result.GetValue(_imgsz);
        int batch = result.GetValue(_batch);
        string device = result.GetValue(_device)!;
        string split = result.GetValue(_split)!;
        int workers = result.GetValue(_workers);
        string? backend = result.GetValue(_backend);
        if (imgsz % 32 != 0) throw CliException.Usage($"val: --imgsz must be a multiple of 32, got {imgsz}");

        var (network, names, owner) = NetworkLookup.Open("val", modelName, weights, device, backend, SharedOptions.Rules(result.GetValue(_reference)!));
        using (owner)
        {
            // A fixed-size ONNX model takes square batches of its own size (as the reference validates such exports).
            bool rect = network.FixedSize is null;
            if (network.FixedSize is { } size)
            {
                if (size.Height != size.Width)
                    throw CliException.Usage($"val: {weights} takes {size.Height}x{size.Width} images only; validation batches are square (export it with --dynamic)");
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
            var validation = Validator.Run(network, loader);
            if (json) MetricsReport.WriteJson(validation.Metrics, validation.Stats, config.Names, output);
            else
            {
                MetricsReport.WriteTable(validation.Metrics, validation.Stats, config.Names, validation.Images, output);
                output.WriteLine($"{validation.Images} images in {validation.Seconds:F1} s ({names.Count} classes, weights {weights})");
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
