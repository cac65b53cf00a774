using System.CommandLine;
using System.Globalization;
using YoloGen.Cli.Bench;
using YoloGen.Cli.Parsing;
using YoloGen.IO;
using YoloGen.IO.Checkpoints;

namespace YoloGen.Cli.Commands;

/// <summary>What <c>yologen bench-checkpoint X.pt [--runs N]</c> was asked.</summary>
public sealed record CheckpointBenchOptions(string Checkpoint, int Runs, bool Memory);

/// <summary>
/// <c>yologen bench-checkpoint X.pt [--runs N] [--memory]</c>: times <see cref="UltralyticsCheckpoint.Read"/> (float32, and keeping
/// the stored half precision) and, side by side in the same process, reading the same weights from a float32
/// safetensors file; with <c>--memory</c> (run it in its own process: memory freed by earlier reads would be reused
/// unseen) the peak resident memory each read adds, against the .pt file's size (docs/benchmarks.md).
/// </summary>
public sealed class CheckpointBenchCommand : CliCommand
{
    private readonly Argument<string> _checkpoint = new("checkpoint") { Description = "the Ultralytics .pt checkpoint to read" };
    private readonly CliOption<int> _runs;
    private readonly CliOption<bool> _memory;

    public CheckpointBenchCommand() : base("bench-checkpoint", "time and measure reading an Ultralytics .pt checkpoint beside its safetensors copy")
    {
        Arguments.Add(_checkpoint);
        _runs = Add(CliOptions.Int("--runs", "n", "timed reads of each kind", 5, min: 1, max: 100));
        _memory = Add(CliOptions.Flag("--memory", "measure the peak resident memory each read adds instead of timing (run it in its own process)"));
    }

    public override IReadOnlyList<(string, string)> Examples { get; } =
    [
        ("yologen bench-checkpoint yolo11x.pt --runs 5", "median read times: .pt to float32, .pt kept in half precision, float32 safetensors"),
        ("yologen bench-checkpoint yolo11x.pt --memory", "peak resident memory each read adds, against the file's size"),
    ];

    protected override int Run(ParseResult result, TextWriter output) =>
        Run(new CheckpointBenchOptions(result.GetValue(_checkpoint)!, result.GetValue(_runs), result.GetValue(_memory)), output);

    public static int Run(CheckpointBenchOptions o, TextWriter output)
    {
        if (!File.Exists(o.Checkpoint)) throw new CliException($"bench-checkpoint: {o.Checkpoint} does not exist");
        long fileBytes = new FileInfo(o.Checkpoint).Length;
        if (o.Memory && PeakMemory.IsAvailable) PeakMemory.UseMmapForLargeBlocks(); // before any tensor exists
        string safetensors = Path.Combine(Path.GetTempPath(), $"yologen-bench-{Guid.NewGuid():N}.safetensors");
        try
        {
            WeightsFile.CheckpointToSafeTensors(o.Checkpoint, safetensors);
            long params_;
            using (var c = UltralyticsCheckpoint.Read(o.Checkpoint)) params_ = c.ParameterCount;
            output.WriteLine($"{o.Checkpoint}: {fileBytes / 1e6:F1} MB, {params_:N0} parameters; float32 safetensors copy {new FileInfo(safetensors).Length / 1e6:F1} MB");

            if (o.Memory) return MeasureMemory(o, safetensors, fileBytes, output);
            var pt32 = RunTimes.Measure(1, o.Runs, () => UltralyticsCheckpoint.Read(o.Checkpoint).Dispose());
            var pt16 = RunTimes.Measure(1, o.Runs, () => UltralyticsCheckpoint.Read(o.Checkpoint, keepStoredPrecision: true).Dispose());
            var st = RunTimes.Measure(1, o.Runs, () => SafeTensors.Load(safetensors).Dispose());
            output.WriteLine($"read .pt → float32        median {pt32.Median,7:F0} ms (min {pt32.Milliseconds.Min():F0}, max {pt32.Milliseconds.Max():F0})");
            output.WriteLine($"read .pt, stored half     median {pt16.Median,7:F0} ms (min {pt16.Milliseconds.Min():F0}, max {pt16.Milliseconds.Max():F0})");
            output.WriteLine($"read float32 safetensors  median {st.Median,7:F0} ms (min {st.Milliseconds.Min():F0}, max {st.Milliseconds.Max():F0})");
            return 0;
        }
        finally
        {
            try { File.Delete(safetensors); } catch (IOException) { }
        }
    }

    private static int MeasureMemory(CheckpointBenchOptions o, string safetensors, long fileBytes, TextWriter output)
    {
        {
            if (!PeakMemory.IsAvailable) { output.WriteLine("peak memory: not available on this system"); return 0; }
            long m32 = PeakMemory.Measure(() => UltralyticsCheckpoint.Read(o.Checkpoint).Dispose());
            long m16 = PeakMemory.Measure(() => UltralyticsCheckpoint.Read(o.Checkpoint, keepStoredPrecision: true).Dispose());
            long mst = PeakMemory.Measure(() => SafeTensors.Load(safetensors).Dispose());
            output.WriteLine($"peak RSS added: .pt → float32 {m32 / 1e6:F1} MB ({Ratio(m32, fileBytes)} the .pt), stored half {m16 / 1e6:F1} MB ({Ratio(m16, fileBytes)}), float32 safetensors {mst / 1e6:F1} MB ({Ratio(mst, fileBytes)})");
            return 0;
        }
    }

    private static string Ratio(long a, long b) => (a / (double)b).ToString("F2", CultureInfo.InvariantCulture) + "×";
}
