using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TorchSharp;
using YoloGen.Cli.Bench;
using YoloGen.Cli.Parsing;
using YoloGen.Models;
using YoloGen.Training;
using YoloGen.Training.Loss;
using static TorchSharp.torch;

namespace YoloGen.Cli.Commands;

/// <summary>
/// <c>yologen bench --model &lt;name&gt; [--imgsz 640] [--batch 1] [--fuse] [--threads N] [--train] [--runs N]
/// [--warmup N] [--layout generated|indexed] [--channels-last] [--memory] [--profile] [--json]</c>: times the eval forward of a compiled-in model on
/// random input (no autograd, as prediction runs it), or with <c>--train</c> one training step (forward, v8 loss on
/// random targets, backward, SGD step), after warm-up runs. <c>--layout indexed</c> runs the same module instances
/// the way <c>parse_model</c> frameworks do (<see cref="IndexedNetwork"/>); <c>--memory</c> reports the peak memory
/// of each run instead of speed (<see cref="PeakMemory"/>); <c>--profile</c> adds each layer's median time (eval,
/// measured layer by layer through the indexed runner). <c>--backend onnx</c> times the same model exported in memory
/// and run by ONNX Runtime, <c>--onnx FILE</c> an ONNX file (<see cref="OnnxBench"/>). Figures and commands: docs/benchmarks.md.
/// </summary>
public sealed class BenchCommand : CliCommand
{
    private const int BoxesPerImage = 6;

    private readonly CliOption<string?> _model, _onnx;
    private readonly CliOption<string> _reference;
    private readonly CliOption<int> _imgsz, _batch, _threads;
    private readonly CliOption<int?> _runs, _warmup;
    private readonly CliOption<bool> _fuse, _train, _channelsLast, _memory, _profile, _json;
    private readonly CliOption<string> _layout, _backend;

    public BenchCommand() : base("bench", "time a network's eval forward (or with --train a training step) on random data")
    {
        _model = Add(SharedOptions.Model("bench", "the network to time (required unless --onnx names a file)"));
        _backend = Add(CliOptions.Choice("--backend", "torch: TorchSharp; onnx: the network exported in memory, run by ONNX Runtime", "torch", "torch", "onnx"));
        _onnx = Add(CliOptions.Text("--onnx", "file", "time this ONNX file with ONNX Runtime instead (any exporter's)"));
        _imgsz = Add(SharedOptions.ImageSize(640, "square input size, a multiple of the network's largest stride"));
        _batch = Add(SharedOptions.Batch(1, "images per forward"));
        _fuse = Add(CliOptions.Flag("--fuse", "fold batch norms into the convolutions first (inference)"));
        _threads = Add(SharedOptions.Threads());
        _reference = Add(SharedOptions.Reference());
        _train = Add(CliOptions.Flag("--train", "time a training step (forward, v8 loss on random targets, backward, SGD step) instead"));
        _runs = Add(CliOptions.OptionalInt("--runs", "n", "timed runs", "15; 8 with --train", min: 1, max: 100_000));
        _warmup = Add(CliOptions.OptionalInt("--warmup", "n", "untimed runs first", "3; 2 with --train", min: 0, max: 100_000));
        _layout = Add(CliOptions.Choice("--layout",
            "generated: the typed forward; indexed: the same modules run through a layer list, as parse_model frameworks do", "generated", "generated", "indexed"));
        _channelsLast = Add(CliOptions.Flag("--channels-last", "run in the channels-last memory layout (inference)"));
        _memory = Add(CliOptions.Flag("--memory", "report each run's peak memory instead of speed (Linux)"));
        _profile = Add(CliOptions.Flag("--profile", "add each layer's median time (or with --train each phase's)"));
        _json = Add(SharedOptions.Json("median_ms, min_ms, max_ms, runs (and peak_mb)"));
    }

    public override IReadOnlyList<(string, string)> Examples { get; } =
    [
        ("yologen bench --model yolo11n --imgsz 640 --fuse", "median time of the fused eval forward of one 640×640 image"),
        ("yologen bench --model yolo11n --backend onnx --threads 2", "the same network exported in memory and run by ONNX Runtime"),
        ("yologen bench --model yolo11n --train --batch 16 --imgsz 320 --profile", "a training step and the time of each phase"),
    ];

    protected override int Run(ParseResult result, TextWriter output)
    {
        string? onnxFile = result.GetValue(_onnx);
        string backend = result.GetValue(_backend)!;
        string modelName = result.GetValue(_model) ?? (onnxFile is not null ? Path.GetFileNameWithoutExtension(onnxFile)
            : throw CliException.Usage("bench: give --model <name> (or --onnx FILE)"));
        int imgsz = result.GetValue(_imgsz);
        int batch = result.GetValue(_batch);
        bool fuse = result.GetValue(_fuse);
        int threads = result.GetValue(_threads);
        bool train = result.GetValue(_train);
        int runs = result.GetValue(_runs) ?? (train ? 8 : 15);
        int warmup = result.GetValue(_warmup) ?? (train ? 2 : 3);
        string layout = result.GetValue(_layout)!;
        bool channelsLast = result.GetValue(_channelsLast);
        bool memory = result.GetValue(_memory);
        bool profile = result.GetValue(_profile);
        bool json = result.GetValue(_json);
        if (train && fuse) throw CliException.Usage("bench: --fuse folds batch norms for inference; it cannot be combined with --train");
        if (train && layout == "indexed") throw CliException.Usage("bench: --layout indexed times the eval forward; it cannot be combined with --train");
        if (train && channelsLast) throw CliException.Usage("bench: --channels-last is an inference layout; it cannot be combined with --train");
        if (profile && json) throw CliException.Usage("bench: --profile prints a table; it cannot be combined with --json");
        if (memory && !PeakMemory.IsAvailable) throw new CliException("bench: --memory needs Linux's /proc/self/clear_refs");

        if (memory) PeakMemory.UseMmapForLargeBlocks(); // before the model exists, so every large block follows the rule
        torch.set_num_threads(threads);
        torch.manual_seed(0);
        if (onnxFile is not null || backend == "onnx")
        {
            if (train || profile || memory || fuse || channelsLast || layout != "generated")
                throw CliException.Usage("bench: --onnx and --backend onnx time ONNX Runtime inference only (no --train, --profile, --memory, --fuse, --channels-last, --layout)");
            return OnnxBench.Run(modelName, onnxFile, imgsz, batch, threads, warmup, runs, json, output);
        }
        using var model = ModelLookup.Create("bench", modelName, reference: SharedOptions.Rules(result.GetValue(_reference)!));
        int stride = model.Strides.Max();
        if (imgsz % stride != 0) throw CliException.Usage($"bench: --imgsz must be a multiple of {stride} for {modelName}, got {imgsz}");
        using var images = rand(batch, 3, imgsz, imgsz);

        var phases = new PhaseTimes();
        Action step = train ? TrainingStep(model, images, profile ? phases : null) : EvalStep(model, images, fuse, channelsLast, layout);
        var peaks = new List<long>();
        Action measured = memory ? () => peaks.Add(PeakMemory.Measure(step)) : step;
        var times = RunTimes.Measure(warmup, runs, measured);

        string what = train
            ? $"training step (forward, loss, backward, SGD), batch {batch} at {imgsz}×{imgsz}"
            : $"eval forward{(fuse ? ", fused" : "")}{(channelsLast ? ", channels-last" : "")}, {layout} layout, {batch}×3×{imgsz}×{imgsz}";
        double? peakMb = memory ? peaks.Order().ElementAt(peaks.Count / 2) / (1024.0 * 1024.0) : null;
        if (json)
        {
            var report = new Dictionary<string, object>
            {
                ["median_ms"] = Math.Round(times.Median, 3),
                ["min_ms"] = Math.Round(times.Min, 3),
                ["max_ms"] = Math.Round(times.Max, 3),
                ["runs"] = runs,
            };
            if (peakMb is not null) report["peak_mb"] = Math.Round(peakMb.Value, 2);
            output.WriteLine(JsonSerializer.Serialize(report));
            return 0;
        }
        output.WriteLine($"{modelName} {what}, {threads} thread{(threads == 1 ? "" : "s")}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  median {times.Median:F1} ms, min {times.Min:F1}, max {times.Max:F1} over {runs} runs after {warmup} warm-up{(memory ? " (memory mode: not speed figures)" : "")}"));
        if (train)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {batch * 1000.0 / times.Median:F1} images/s"));
        if (peakMb is not null)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  peak memory above the resident set before each run: {peakMb:F1} MB (median)"));
        if (profile && train) phases.Write(output, warmup);
        else if (profile) WriteProfile(model, images, warmup, runs, output);
        return 0;
    }

    /// <summary>Median wall time of each layer over <paramref name="runs"/> forwards, and the share of their sum, by layer and by module.</summary>
    private static void WriteProfile(DetectionModel model, Tensor images, int warmup, int runs, TextWriter output)
    {
        var runner = new IndexedNetwork(model);
        var times = runner.Layers.Select(_ => new List<double>()).ToArray();
        for (int r = 0; r < warmup + runs; r++)
        {
            using var scope = NewDisposeScope();
            using var mode = inference_mode();
            runner.Forward(images, r < warmup ? null : (position, ms) => times[position].Add(ms));
        }
        var medians = times.Select(t => t.Order().ElementAt(t.Count / 2)).ToArray();
        double sum = medians.Sum();
        var culture = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(culture, $"  per layer (median of {runs}; sum {sum:F1} ms):"));
        for (int i = 0; i < medians.Length; i++)
        {
            var (index, module) = runner.Layers[i];
            output.WriteLine(string.Create(culture, $"  {index,4}  {module.GetType().Name,-14} {medians[i],8:F2} ms  {100 * medians[i] / sum,5:F1} %"));
        }
        output.WriteLine("  per module:");
        foreach (var group in runner.Layers.Select((l, i) => (l.Module.GetType().Name, medians[i])).GroupBy(p => p.Name).OrderByDescending(g => g.Sum(p => p.Item2)))
            output.WriteLine(string.Create(culture, $"        {group.Key,-14} {group.Sum(p => p.Item2),8:F2} ms  {100 * group.Sum(p => p.Item2) / sum,5:F1} %  ({group.Count()} layers)"));
    }

    private static Action EvalStep(DetectionModel model, Tensor images, bool fuse, bool channelsLast, string layout)
    {
        model.eval();
        if (fuse) model.Fuse();
        if (channelsLast) model.ToChannelsLast();
        Func<Tensor, DetectionOutput> forward = model.forward;
        if (layout == "indexed")
        {
            forward = new IndexedNetwork(model).Forward;
            CheckSameOutputs(model, forward, images);
        }
        return () =>
        {
            using var scope = NewDisposeScope();
            using var mode = inference_mode();
            forward(images);
        };
    }

    /// <summary>The indexed runner must compute exactly what the generated forward computes, or comparing them means nothing.</summary>
    private static void CheckSameOutputs(DetectionModel model, Func<Tensor, DetectionOutput> indexed, Tensor images)
    {
        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        var expected = model.forward(images).Predictions!;
        var actual = indexed(images).Predictions!;
        if (!actual.equal(expected).all().item<bool>())
            throw new InvalidOperationException($"the indexed runner's output differs from {model.ModelName}'s forward by up to {(actual - expected).abs().max().item<float>()}");
    }

    private static Action TrainingStep(DetectionModel model, Tensor images, PhaseTimes? phases)
    {
        model.train();
        long batch = images.shape[0];
        int nc = model.NumClasses;
        var (optimizer, _) = OptimizerFactory.Create(model, new TrainOptions { Optimizer = "SGD" }, nc, iterations: 1, (int)batch);
        var loss = new DetectionLoss(nc, model.Strides);
        long n = batch * BoxesPerImage;
        var centres = rand(n, 2) * 0.8 + 0.1;
        var sizes = rand(n, 2) * 0.35 + 0.05;
        var targets = new DetectionTargets(
            arange(batch).repeat_interleave(BoxesPerImage).to_type(ScalarType.Float32),
            randint(nc, n).to_type(ScalarType.Float32),
            cat([centres, sizes], 1));
        (int, int) size = ((int)images.shape[2], (int)images.shape[3]);
        return () =>
        {
            using var scope = NewDisposeScope();
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            optimizer.zero_grad();
            var output = model.forward(images);
            phases?.Add("forward", ref start);
            using var result = loss.Compute(output.Raw, targets, size);
            phases?.Add("loss (assigner, CIoU, DFL, BCE)", ref start);
            result.Total.backward();
            phases?.Add("backward", ref start);
            optimizer.step();
            phases?.Add("optimizer step", ref start);
        };
    }

    /// <summary>Wall time of each phase of the training steps, in the order first seen.</summary>
    private sealed class PhaseTimes
    {
        private readonly List<(string Name, List<double> Ms)> _phases = new();

        public void Add(string name, ref long start)
        {
            long now = System.Diagnostics.Stopwatch.GetTimestamp();
            var entry = _phases.Find(p => p.Name == name);
            if (entry.Ms is null) _phases.Add(entry = (name, new List<double>()));
            entry.Ms.Add(System.Diagnostics.Stopwatch.GetElapsedTime(start, now).TotalMilliseconds);
            start = now;
        }

        public void Write(TextWriter output, int warmup)
        {
            var medians = _phases.Select(p => (p.Name, Median: p.Ms.Skip(warmup).Order().ElementAt((p.Ms.Count - warmup) / 2))).ToList();
            double sum = medians.Sum(p => p.Median);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  per phase (medians; sum {sum:F1} ms):"));
            foreach (var (name, median) in medians)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"        {name,-32} {median,8:F1} ms  {100 * median / sum,5:F1} %"));
        }
    }
}
