using YoloGen.Data;
using YoloGen.IO;
using YoloGen.Training;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.Training;

/// <summary>Short real training runs on a tiny generated dataset: loss falls, files appear, a killed run resumes.</summary>
[Collection(SerialCollection.Name)]
public sealed class TrainerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("yologen-train").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private TrainOptions Options(int epochs) => new()
    {
        Data = SyntheticDataset.Ensure(Path.Combine(_root, "data"), new SyntheticOptions
        {
            TrainImages = 24, ValImages = 8, MinImageSize = 96, MaxImageSize = 128, MinObjectSize = 20, MaxObjects = 3,
        }),
        Epochs = epochs, ImageSize = 96, Batch = 8, NominalBatch = 8, Workers = 2, CloseMosaic = 1,
        WarmupEpochs = 0, Optimizer = "SGD", Lr0 = 0.02, Project = Path.Combine(_root, "runs"), Plots = false, Seed = 3,
    };

    [Theory]
    [InlineData("SGD", 0.02)]
    [InlineData("AdamW", 0.002)]
    public void Training_lowers_the_loss_and_writes_the_run_files(string optimizer, double lr0)
    {
        var result = new Trainer(nc => new TinyDetector(nc)).Train(Options(epochs: 4) with { Optimizer = optimizer, Lr0 = lr0, Name = optimizer });
        Assert.Equal(4, result.Epochs.Count);
        double first = result.Epochs[0].TrainBox + result.Epochs[0].TrainCls + result.Epochs[0].TrainDfl;
        double last = result.Epochs[^1].TrainBox + result.Epochs[^1].TrainCls + result.Epochs[^1].TrainDfl;
        Assert.True(last < first, $"training loss went from {first} to {last}");
        Assert.Equal(Path.Combine(_root, "runs", optimizer), result.RunDirectory);
        foreach (var f in new[] { "weights/last.safetensors", "weights/best.safetensors", "results.csv", "args.yaml" })
            Assert.True(File.Exists(Path.Combine(result.RunDirectory, f)), f);
        Assert.Equal(4, ResultsFile.Read(Path.Combine(result.RunDirectory, "results.csv")).Count);
        var info = Checkpoint.ReadInfo(result.Last)!;
        Assert.Equal((4, 4, optimizer), (info.Epoch, info.Epochs, info.Optimizer));
        // last/best hold the EMA weights as a plain state dict that loads strictly.
        using var plain = new TinyDetector(4);
        Assert.True(Checkpoint.LoadWeights(plain, result.Best).IsExact);
    }

    [Fact]
    public void A_run_killed_mid_epoch_resumes_and_ends_where_an_uninterrupted_run_ends()
    {
        var options = Options(epochs: 3);
        var full = new Trainer(nc => new TinyDetector(nc)).Train(options with { Name = "full" });

        var crash = new CrashAt(epoch: 1, batch: 2); // dies inside the second epoch, after one checkpoint
        var interrupted = Assert.Throws<SimulatedCrash>(() => new Trainer(nc => new TinyDetector(nc), crash).Train(options with { Name = "killed" }));
        string last = Path.Combine(_root, "runs", "killed", "weights", "last.safetensors");
        Assert.Equal(1, Checkpoint.ReadInfo(last)!.Epoch);

        var resumed = new Trainer(nc => new TinyDetector(nc)).Resume(last);
        Assert.Equal(3, resumed.Epochs.Count);
        Assert.Equal([1, 2, 3], resumed.Epochs.Select(e => e.Epoch));
        Assert.Equal(3, Checkpoint.ReadInfo(last)!.Epoch);

        using var a = new TinyDetector(4);
        using var b = new TinyDetector(4);
        Checkpoint.LoadWeights(a, full.Last);
        Checkpoint.LoadWeights(b, last);
        foreach (var ((name, x), (_, y)) in StateDict.Entries(a).Zip(StateDict.Entries(b)))
            Assert.True(x.allclose(y, rtol: 0, atol: 0), $"{name} differs after resume");
        Assert.Equal(full.Epochs[^1].Map, resumed.Epochs[^1].Map);
    }

    [Fact]
    public void No_tensor_outlives_its_epoch()
    {
        // Live tensors of the training thread at each epoch end: model, EMA and optimizer state, nothing that piles up.
        var live = new LiveTensorsAtEpochEnd();
        new Trainer(nc => new TinyDetector(nc), live).Train(Options(epochs: 4) with { Name = "live" });
        Assert.Equal(4, live.Counts.Count);
        Assert.All(live.Counts.Skip(1), c => Assert.Equal(live.Counts[1], c));
    }

    [Fact]
    public void Resuming_a_finished_run_is_refused()
    {
        var result = new Trainer(nc => new TinyDetector(nc)).Train(Options(epochs: 1));
        var e = Assert.Throws<InvalidOperationException>(() => new Trainer(nc => new TinyDetector(nc)).Resume(result.Last));
        Assert.Contains("already finished", e.Message);
    }

    private sealed class SimulatedCrash : Exception;

    private sealed class LiveTensorsAtEpochEnd : ITrainingObserver
    {
        public List<long> Counts { get; } = [];

        public void OnEpochEnd(EpochResult row, YoloGen.Validation.ValidationResult validation, bool isBest) =>
            Counts.Add(TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    private sealed class CrashAt(int epoch, int batch) : ITrainingObserver
    {
        public void OnBatch(BatchProgress p)
        {
            if (p.Epoch == epoch && p.Batch == batch) throw new SimulatedCrash();
        }
    }
}
