using TorchSharp;
using YoloGen.IO;
using YoloGen.Training;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.Training;

public class OptimizationTests
{
    [Fact]
    public void Parameter_groups_follow_the_recipe()
    {
        using var net = new TinyNet();
        var (biases, weights, norms) = OptimizerFactory.Split(net);
        // conv.conv.weight and head.weight decay; conv.bn.weight does not; conv.bn.bias and head.bias are biases.
        Assert.Equal(2, weights.Count);
        Assert.Single(norms);
        Assert.Equal(2, biases.Count);
        Assert.Contains(weights, w => w.shape.SequenceEqual(new long[] { 4, 3, 3, 3 }));
        Assert.Equal(new long[] { 4 }, norms[0].shape);
    }

    [Fact]
    public void Auto_picks_AdamW_with_fitted_lr_for_short_runs_and_SGD_for_long_runs()
    {
        using var net = new TinyNet();
        var o = new TrainOptions { Batch = 16 };
        var (shortOpt, shortChoice) = OptimizerFactory.Create(net, o, numClasses: 4, iterations: 300, batch: 16);
        Assert.Equal("AdamW", shortChoice.Name);
        Assert.Equal(Math.Round(0.002 * 5 / 8, 6), shortChoice.Lr);
        Assert.Equal(0.0, shortChoice.WarmupBiasLr);
        // weight decay scaled by batch * accumulate / nominal batch: 0.0005 * 16 * 4 / 64
        Assert.Equal(0.0005, shortChoice.WeightDecay, 12);
        Assert.Equal(3, shortOpt.ParamGroups.Count());
        var (_, longChoice) = OptimizerFactory.Create(net, o, numClasses: 4, iterations: 20000, batch: 16);
        Assert.Equal(("SGD", 0.01, 0.9), (longChoice.Name, longChoice.Lr, longChoice.Momentum));
        var (_, explicitChoice) = OptimizerFactory.Create(net, o with { Optimizer = "SGD", Batch = 8 }, 4, 300, 8);
        Assert.Equal(0.0005 * 8 * 8 / 64, explicitChoice.WeightDecay, 12);
    }

    [Fact]
    public void Unknown_optimizer_is_rejected_by_name()
    {
        using var net = new TinyNet();
        var e = Assert.Throws<ArgumentException>(() => OptimizerFactory.Create(net, new TrainOptions { Optimizer = "Lion" }, 4, 10, 16));
        Assert.Contains("Lion", e.Message);
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(50, 0.505)]
    [InlineData(100, 0.01)]
    public void Linear_schedule_goes_from_one_to_lrf(int epoch, double expected) =>
        Assert.Equal(expected, LearningRateSchedule.Factor(epoch, 100, 0.01, cosine: false), 12);

    [Fact]
    public void Cosine_schedule_has_the_same_ends_and_is_below_linear_early_on_the_other_side()
    {
        Assert.Equal(1.0, LearningRateSchedule.Factor(0, 10, 0.01, true), 12);
        Assert.Equal(0.01, LearningRateSchedule.Factor(10, 10, 0.01, true), 12);
        Assert.Equal(0.505, LearningRateSchedule.Factor(5, 10, 0.01, true), 12);
        Assert.True(LearningRateSchedule.Factor(2, 10, 0.01, true) > LearningRateSchedule.Factor(2, 10, 0.01, false));
    }

    [Fact]
    public void Ema_follows_the_ramped_decay()
    {
        using var model = new TinyNet();
        using var ema = new TinyNet();
        var e = new ModelEma(model, ema, decay: 0.9999, tau: 2000);
        var p = StateDict.Entries(model).First(t => t.Name == "head.bias").Tensor;
        var q = StateDict.Entries(ema).First(t => t.Name == "head.bias").Tensor;
        Assert.Equal(p.data<float>().ToArray(), q.data<float>().ToArray());
        float before = q[0].item<float>();
        using (no_grad()) p.add_(1.0f);
        e.Update();
        double d = 0.9999 * (1 - Math.Exp(-1 / 2000.0));
        Assert.Equal(d * before + (1 - d) * (before + 1), q[0].item<float>(), 5);
        Assert.False(ema.training);
    }

    [Fact]
    public void Checkpoint_round_trips_weights_ema_and_optimizer_state()
    {
        string dir = Directory.CreateTempSubdirectory("yologen-ckpt").FullName;
        try
        {
            using var model = new TinyNet();
            using var emaNet = new TinyNet();
            var ema = new ModelEma(model, emaNet);
            var (opt, choice) = OptimizerFactory.Create(model, new TrainOptions { Optimizer = "SGD" }, 4, 10, 16);
            using (var x = rand(2, 3, 8, 8))
            {
                var loss = model.forward(x).square().mean();
                loss.backward();
                opt.step();
                ema.Update();
            }
            var info = new CheckpointInfo("tiny", 3, 10, 0.25, ema.Updates, choice.Name, ["a", "b"], new TrainOptions { Epochs = 10 }, Checkpoint.Now());
            string path = Path.Combine(dir, "last.safetensors");
            Checkpoint.Save(path, emaNet, model, opt, info);
            var read = Checkpoint.ReadInfo(path)!;
            Assert.Equal(["a", "b"], read.Names);                       // compared by content: records compare arrays by reference
            Assert.Equal(info, read with { Names = info.Names });

            using var model2 = new TinyNet();
            using var emaNet2 = new TinyNet();
            var (opt2, _) = OptimizerFactory.Create(model2, new TrainOptions { Optimizer = "SGD" }, 4, 10, 16);
            var restored = Checkpoint.Restore(path, emaNet2, model2, opt2);
            Assert.Equal(3, restored.Epoch);
            foreach (var ((n1, a), (_, b)) in StateDict.Entries(model).Zip(StateDict.Entries(model2)))
                Assert.True(a.allclose(b, rtol: 0, atol: 0), n1);
            foreach (var ((n1, a), (_, b)) in StateDict.Entries(emaNet).Zip(StateDict.Entries(emaNet2)))
                Assert.True(a.allclose(b, rtol: 0, atol: 0), n1);

            // One more identical step on both: equal results only if the momentum buffers came back too.
            using var y = rand(2, 3, 8, 8);
            foreach (var (m, o) in new[] { (model, opt), (model2, opt2) })
            {
                o.zero_grad();
                m.forward(y).square().mean().backward();
                o.step();
            }
            foreach (var ((n1, a), (_, b)) in StateDict.Entries(model).Zip(StateDict.Entries(model2)))
                Assert.True(a.allclose(b, rtol: 0, atol: 0), n1);

            // A plain weights loader reads the EMA weights and ignores the training part.
            using var plain = new TinyNet();
            var report = Checkpoint.LoadWeights(plain, path);
            Assert.True(report.IsExact);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Run_folders_are_numbered_like_the_reference()
    {
        string root = Directory.CreateTempSubdirectory("yologen-runs").FullName;
        try
        {
            var a = RunDirectory.CreateNew(root, "train");
            var b = RunDirectory.CreateNew(root, "train");
            var c = RunDirectory.CreateNew(root, "train");
            Assert.Equal(["train", "train2", "train3"], new[] { a, b, c }.Select(r => Path.GetFileName(r.Path)));
            Assert.True(Directory.Exists(c.WeightsDir));
            Assert.Equal(b.Path, RunDirectory.FromCheckpoint(b.Last).Path);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Results_csv_round_trips_and_plot_is_written()
    {
        string root = Directory.CreateTempSubdirectory("yologen-results").FullName;
        try
        {
            var rows = Enumerable.Range(1, 3).Select(i => new EpochResult(i, 3 - i * 0.5, 2, 1, 0.1 * i, 0.2 * i, 0.3 * i, 0.15 * i, 1, 1, 1, 0.01, 0.01, 0.01, 12.5)).ToList();
            string csv = Path.Combine(root, "results.csv");
            ResultsFile.Write(csv, rows);
            Assert.Equal(rows, ResultsFile.Read(csv));
            Assert.StartsWith("epoch,train/box_loss,", File.ReadAllText(csv));
            string png = Path.Combine(root, "results.png");
            ResultsPlot.Write(png, rows);
            var bytes = File.ReadAllBytes(png);
            Assert.True(bytes.Length > 10_000);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
