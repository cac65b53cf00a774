using System.Globalization;
using System.Text.Json;
using TorchSharp;
using YoloGen.Cli.Bench;
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
public static class BenchCommand
{
    private const int BoxesPerImage = 6;

    public static int Run(CliArgs args) => Run(args, Console.Out);

    public static int Run(CliArgs args, TextWriter output)
    {
        string? onnxFile = args.String("onnx");
        string modelName = onnxFile is null ? args.Required("model") : args.String("model") ?? Path.GetFileNameWithoutExtension(onnxFile);
        string backend = args.Choice("backend", "torch", "torch", "onnx");
        int imgsz = args.Int("imgsz", 640, min: 32, max: 8192);
        int batch = args.Int("batch", 1, min: 1, max: 4096);
        bool fuse = args.Flag("fuse");
        int threads = args.Int("threads", Environment.ProcessorCount, min: 1, max: 1024);
        bool train = args.Flag("train");
        int runs = args.Int("runs", train ? 8 : 15, min: 1, max: 100_000);
        int warmup = args.Int("warmup", train ? 2 : 3, min: 0, max: 100_000);
        string layout = args.Choice("layout", "generated", "generated", "indexed");
        bool channelsLast = args.Flag("channels-last");
        bool memory = args.Flag("memory");
        bool profile = args.Flag("profile");
        bool json = args.Flag("json");
        args.EnsureAllUsed();
        if (train && fuse) throw new CliException("bench: --fuse folds batch norms for inference; it cannot be combined with --train");
        if (train && layout == "indexed") throw new CliException("bench: --layout indexed times the eval forward; it cannot be combined with --train");
        if (train && channelsLast) throw new CliException("bench: --channels-last is an inference layout; it cannot be combined with --train");
        if (profile && json) throw new CliException("bench: --profile prints a table; it cannot be combined with --json");
        if (memory && !PeakMemory.IsAvailable) throw new CliException("bench: --memory needs Linux's /proc/self/clear_refs");

        if (memory) PeakMemory.UseMmapForLargeBlocks(); // before the model exists, so every large block follows the rule
        torch.set_num_threads(threads);
        torch.manual_seed(0);
        if (onnxFile is not null || backend == "onnx")
        {
            if (train || profile || memory || fuse || channelsLast || layout != "generated")
                throw new CliException("bench: --onnx and --backend onnx time ONNX Runtime inference only (no --train, --profile, --memory, --fuse, --channels-last, --layout)");
            return OnnxBench.Run(modelName, onnxFile, imgsz, batch, threads, warmup, runs, json, output);
        }
        using var model = ModelLookup.Create("bench", modelName);
        int stride = model.Strides.Max();
        if (imgsz % stride != 0) throw new CliException($"bench: --imgsz must be a multiple of {stride} for {modelName}, got {imgsz}");
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
            var result = new Dictionary<string, object>
            {
                ["median_ms"] = Math.Round(times.Median, 3),
                ["min_ms"] = Math.Round(times.Min, 3),
                ["max_ms"] = Math.Round(times.Max, 3),
                ["runs"] = runs,
            };
            if (peakMb is not null) result["peak_mb"] = Math.Round(peakMb.Value, 2);
            output.WriteLine(JsonSerializer.Serialize(result));
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
