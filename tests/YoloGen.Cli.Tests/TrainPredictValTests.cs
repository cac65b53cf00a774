using System.Text.Json;
using YoloGen.Cli.Commands;
using YoloGen.Data;
using YoloGen.Models;
using YoloGen.Prediction;
using YoloGen.Runtime.Tests.IO;
using YoloGen.Training;
using YoloGen.Validation;
using Xunit;

namespace YoloGen.Cli.Tests;

/// <summary>
/// The user's path through the CLI on a tiny generated dataset: train, predict with the result, validate it. The
/// geometry and the metrics themselves are checked in the runtime's tests (a detector that finds painted boxes);
/// here the commands must write exactly what the library computes for their weights and settings. Runs alone: the
/// training command installs the tensor pool as libtorch's allocator for the process, removed again on dispose.
/// </summary>
[Collection(ProcessStateCollection.Name)]
public sealed class TrainPredictValTests : IDisposable
{
    private readonly TempFolder _dir = new();
    private readonly bool _poolWasInstalled = YoloGen.TensorMemoryPool.IsInstalled;

    public void Dispose()
    {
        if (!_poolWasInstalled) YoloGen.TensorMemoryPool.Uninstall();
        _dir.Dispose();
    }

    private string TinyData() => SyntheticDataset.Ensure(_dir.File("data"), new SyntheticOptions
    {
        TrainImages = 16, ValImages = 6, MinImageSize = 64, MaxImageSize = 96, MinObjectSize = 16, MaxObjects = 3,
    });

    [Fact]
    public void Train_then_predict_then_val_with_the_trained_weights()
    {
        string data = TinyData();
        string project = _dir.File("runs");
        int code = CommandRunner.Run("train",
            ["--model", "yolo11n", "--data", data, "--epochs", "2", "--imgsz", "64", "--batch", "8", "--workers", "1",
             "--project", project, "--name", "t", "--no-plots", "--seed", "1"]).Code;
        Assert.Equal(0, code);
        string best = Path.Combine(project, "t", "weights", "best.safetensors");
        string last = Path.Combine(project, "t", "weights", "last.safetensors");
        Assert.True(File.Exists(best) && File.Exists(last));
        var info = Checkpoint.ReadInfo(last)!;
        Assert.Equal(("yolo11n", 2), (info.Model, info.Epoch));
        Assert.Equal(["circle", "square", "triangle", "cross"], info.Names);
        // best.pt beside best.safetensors: the same EMA weights (in half precision) and names, as a reference checkpoint.
        using (var pt = YoloGen.IO.Checkpoints.UltralyticsCheckpoint.Read(Path.Combine(project, "t", "weights", "best.pt")))
        using (var st = YoloGen.IO.SafeTensors.Load(best))
        {
            Assert.Equal(info.Names, pt.Names);
            Assert.Equal(pt.Weights.Select(w => w.Name), st.Names.Where(n => !n.StartsWith("train.", StringComparison.Ordinal)));
            foreach (var (name, t) in pt.Weights)
            {
                using var expected = st[name].is_floating_point() ? st[name].to(TorchSharp.torch.ScalarType.Float16).to(TorchSharp.torch.ScalarType.Float32) : st[name].clone();
                Assert.True(expected.contiguous().bytes.SequenceEqual(t.contiguous().bytes), name);
            }
        }
        Assert.Equal(3, File.ReadAllLines(Path.Combine(project, "t", "results.csv")).Length);
        Assert.Contains("epochs: 2", File.ReadAllText(Path.Combine(project, "t", "args.yaml")));

        string images = Path.Combine(Path.GetDirectoryName(data)!, "images", "val");
        code = CommandRunner.Run("predict",
            ["--weights", best, "--source", images, "--imgsz", "64", "--conf", "0.00001", "--backend", "torch", "--project", project]).Code;
        Assert.Equal(0, code);
        string predict = Path.Combine(project, "predict");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(predict, "predictions.json")));
        var rows = json.RootElement.EnumerateArray().ToList();
        var files = Directory.GetFiles(images).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(files, rows.Select(r => r.GetProperty("file").GetString()));

        // What the library computes for the same weights and settings (fused and channels-last, as the command runs it):
        // the command must write exactly that, image by image, in source pixels, with the checkpoint's class names.
        using var model = YoloModels.Create("yolo11n", 4);
        Assert.True(Checkpoint.LoadWeights(model, best).IsExact);
        model.Fuse();
        model.ToChannelsLast();
        var predictor = new Predictor(model, info.Names, 64, NmsSettings.Predict with { Confidence = 0.00001 });
        foreach (var (r, file) in rows.Zip(files))
        {
            var expected = predictor.Predict(file);
            Assert.Equal((expected.Width, expected.Height), (r.GetProperty("width").GetInt32(), r.GetProperty("height").GetInt32()));
            var detections = r.GetProperty("detections").EnumerateArray().ToList();
            Assert.NotEmpty(detections); // conf 1e-5 keeps candidates even from a barely trained model
            Assert.Equal(expected.Detections.Count, detections.Count);
            foreach (var (e, d) in expected.Detections.Zip(detections))
            {
                Assert.Equal((e.Class, e.Name), (d.GetProperty("class").GetInt32(), d.GetProperty("name").GetString()));
                Assert.Equal([e.Confidence, e.X1, e.Y1, e.X2, e.Y2],
                    new[] { "confidence", "x1", "y1", "x2", "y2" }.Select(k => d.GetProperty(k).GetSingle()));
            }
            var drawn = ImageCodec.Probe(Path.Combine(predict, Path.GetFileNameWithoutExtension(file) + ".jpg"), out _);
            Assert.Equal((expected.Width, expected.Height), drawn);
        }

        var (valCode, output) = CommandRunner.Run("val", "--weights", last, "--data", data, "--imgsz", "64", "--json");
        Assert.Equal(0, valCode);
        var metrics = CommandRunner.Json(output);
        // The same validation through the library: the command's settings (rect batches of 32, fused model), the same numbers.
        using var valModel = YoloModels.Create("yolo11n", 4);
        Assert.True(Checkpoint.LoadWeights(valModel, last).IsExact);
        valModel.Fuse();
        valModel.ToChannelsLast();
        var valSet = DetectionDataset.Load(DatasetConfig.Load(data), "val");
        var result = Validator.Run(valModel, new ValLoader(valSet, new LoaderOptions
        {
            ImageSize = 64, BatchSize = 32, Workers = 2, Shuffle = false, Rect = true, Augment = AugmentOptions.None,
        }));
        Assert.Equal(
            [result.Metrics.MeanPrecision, result.Metrics.MeanRecall, result.Metrics.Map50, result.Metrics.Map, result.Metrics.Fitness],
            new[] { "mp", "mr", "map50", "map", "fitness" }.Select(k => metrics.GetProperty(k).GetDouble()));
        // A two-epoch model matches no label yet (every metric 0, no class rows): the metrics' values are checked on a
        // perfect detector through the same Validator in the runtime's PerfectDetectorValidationTests.
    }

    [Theory]
    [InlineData("train: --epochs must be an integer, got 'ten'", "--epochs", "ten")]
    [InlineData("train: unknown model 'yolo99n'. Known models: ", "--model", "yolo99n")]
    [InlineData("train: unknown option --epoch", "--epoch", "3")]
    [InlineData("train: --optimizer must be one of auto, SGD, AdamW, got 'Adam'", "--optimizer", "Adam")]
    [InlineData("train: device 'tpu' is not supported", "--device", "tpu")]
    public void Bad_arguments_are_clear_errors(string expected, params string[] args)
    {
        var e = Assert.Throws<CliException>(() => CommandRunner.Run("train", args));
        Assert.StartsWith(expected, e.Message);
    }

    [Fact]
    public void Predict_on_a_missing_source_names_it()
    {
        string data = TinyData();
        var e = Assert.Throws<CliException>(() => CommandRunner.Run("predict",
            ["--weights", data, "--source", _dir.File("nowhere")]));
        Assert.Contains("nowhere", e.Message);
    }
}

/// <summary>CLI tests that change process-wide state (the tensor pool) run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessStateCollection
{
    public const string Name = "Serial (process-wide state)";
}
