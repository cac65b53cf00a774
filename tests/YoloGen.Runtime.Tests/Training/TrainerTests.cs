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

    /// <summary>
    /// Warm-up with accumulation: batch 1, nominal batch 3, 21 batches per epoch, 100 warm-up iterations (the minimum),
    /// 5 epochs = 105 iterations at 64 px (at 32 px batch norm would see one value per channel at stride 32).
    /// Accumulation rises from 1 to 3 batches per step, so the last step of an epoch is not always its last batch.
    /// </summary>
    private TrainOptions WarmupOptions() => Options(epochs: 5) with
    {
        Data = SyntheticDataset.Ensure(Path.Combine(_root, "data-warmup"), new SyntheticOptions
        {
            TrainImages = 21, ValImages = 2, MinImageSize = 64, MaxImageSize = 72, MinObjectSize = 12, MaxObjects = 2,
        }),
        ImageSize = 64, Batch = 1, NominalBatch = 3, WarmupEpochs = 1, Workers = 1,
    };

    [Fact]
    public void A_run_killed_mid_epoch_resumes_and_ends_where_an_uninterrupted_run_ends()
    {
        // Killed in epoch 3 (iteration 47, inside the warm-up; the last step before the checkpoint was iteration 40, not
        // 41), resumed past the end of the warm-up (iteration 100): weights, EMA count and metrics bit for bit.
        var options = WarmupOptions();
        var full = new Trainer(nc => new TinyDetector(nc)).Train(options with { Name = "full" });
        Assert.Equal(60, Checkpoint.ReadInfo(full.Last)!.EmaUpdates); // one EMA update per optimizer step

        var crash = new CrashAt(epoch: 2, batch: 6);
        Assert.Throws<SimulatedCrash>(() => new Trainer(nc => new TinyDetector(nc), crash).Train(options with { Name = "killed" }));
        string last = Path.Combine(_root, "runs", "killed", "weights", "last.safetensors");
        Assert.Equal((2, 33L), (Checkpoint.ReadInfo(last)!.Epoch, Checkpoint.ReadInfo(last)!.EmaUpdates));

        var iterations = new FirstIteration();
        var resumed = new Trainer(nc => new TinyDetector(nc), iterations).Resume(last);
        Assert.Equal(43, iterations.First); // the step counter continues: 1-based iteration 43 = epoch 3, batch 1
        Assert.Equal([1, 2, 3, 4, 5], resumed.Epochs.Select(e => e.Epoch));
        Assert.Equal((5, 60L), (Checkpoint.ReadInfo(last)!.Epoch, Checkpoint.ReadInfo(last)!.EmaUpdates));

        foreach (var (mine, theirs) in new[] { (full.Last, last), (full.Best, resumed.Best) })
        {
            using var a = new TinyDetector(4);
            using var b = new TinyDetector(4);
            Checkpoint.LoadWeights(a, mine);
            Checkpoint.LoadWeights(b, theirs);
            foreach (var ((name, x), (_, y)) in StateDict.Entries(a).Zip(StateDict.Entries(b)))
                Assert.True(x.eq(y).all().item<bool>(), $"{name} of {Path.GetFileName(theirs)} differs after resume");
        }
        Assert.Equal(full.Epochs.Select(e => (e.Map, e.TrainBox, e.Lr0)), resumed.Epochs.Select(e => (e.Map, e.TrainBox, e.Lr0)));
    }

    /// <summary>A tiny run whose validation fitness per epoch is scripted (<see cref="ScriptedFitnessDetector"/>).</summary>
    private TrainOptions ScriptedOptions(string name)
    {
        var root = Path.Combine(_root, "painted");
        if (!Directory.Exists(root))
        {
            for (int i = 0; i < 4; i++)
                Data.TestImages.WriteSample(root, "train", $"t{i}", 64, 48, colourByClass: true, (i % 3, 8 + i, 6, 40 + i, 30));
            Data.TestImages.WriteSample(root, "val", "v0", 80, 60, colourByClass: true, (0, 10, 8, 40, 38), (1, 45, 20, 75, 50));
            Data.TestImages.WriteSample(root, "val", "v1", 60, 80, colourByClass: true, (2, 12, 30, 44, 70));
        }
        File.WriteAllText(Path.Combine(root, "data.yaml"), "train: images/train\nval: images/val\nnames: [red, green, blue]\n");
        return Options(epochs: 9) with
        {
            Data = Path.Combine(root, "data.yaml"), ImageSize = 64, Batch = 4, NominalBatch = 4, Workers = 1, Patience = 2, Name = name,
        };
    }

    [Fact]
    public void Early_stopping_ends_patience_epochs_after_the_best_and_best_holds_that_epoch()
    {
        // Fitness rises to a tie in epochs 3 and 4 (a tie is an improvement: epoch 4 is best), then falls: with patience 2
        // the run stops after epoch 6, and best holds epoch 4's weights. Killed in epoch 6 and resumed, it stops there too.
        double[] shifts = [4, 2, 1, 1, 3, 3, 3, 3, 3];
        var script = new FitnessScript(shifts);
        var result = new Trainer(nc => new ScriptedFitnessDetector(nc, script), script).Train(ScriptedOptions("patience"));

        var fitness = result.Epochs.Select(e => e.Fitness).ToArray();
        Assert.True(fitness[0] < fitness[1] && fitness[1] < fitness[2] && fitness[2] == fitness[3] && fitness[4] < fitness[3],
            string.Join(", ", fitness));
        Assert.Equal(6, result.Epochs.Count);
        Assert.Equal(fitness[3], result.BestFitness);
        var info = Checkpoint.ReadInfo(result.Best)!;
        Assert.Equal((4, fitness[3]), (info.Epoch, info.BestFitness));
        using (var best = new TinyDetector(3))
        using (var fourth = new TinyDetector(3))
        {
            Checkpoint.LoadWeights(best, result.Best);
            Checkpoint.LoadWeights(fourth, Path.Combine(_root, "runs", "patience", "weights", "epoch4.safetensors"));
            Assert.All(StateDict.Entries(best).Zip(StateDict.Entries(fourth)), p => Assert.True(p.First.Tensor.eq(p.Second.Tensor).all().item<bool>(), p.First.Name));
        }

        var crash = new FitnessScript(shifts, crashAt: (5, 1));
        Assert.Throws<ScriptedCrash>(() => new Trainer(nc => new ScriptedFitnessDetector(nc, crash), crash).Train(ScriptedOptions("killed")));
        var again = new FitnessScript(shifts);
        var resumed = new Trainer(nc => new ScriptedFitnessDetector(nc, again), again).Resume(Path.Combine(_root, "runs", "killed", "weights", "last.safetensors"));
        Assert.Equal(6, resumed.Epochs.Count); // patience counted on from epoch 4, not restarted at the resume
        Assert.Equal(4, Checkpoint.ReadInfo(resumed.Best)!.Epoch);
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

    private sealed class FirstIteration : ITrainingObserver
    {
        public long First { get; private set; }

        public void OnBatch(BatchProgress p)
        {
            if (First == 0) First = p.Iteration;
        }
    }

    private sealed class CrashAt(int epoch, int batch) : ITrainingObserver
    {
        public void OnBatch(BatchProgress p)
        {
            if (p.Epoch == epoch && p.Batch == batch) throw new SimulatedCrash();
        }
    }
}
