using System.Text.Json;
using YoloGen.Cli.Commands;
using YoloGen.Data;
using YoloGen.Runtime.Tests.IO;
using YoloGen.Training;
using Xunit;

namespace YoloGen.Cli.Tests;

/// <summary>The user's path through the CLI on a tiny generated dataset: train, predict with the result, validate it.</summary>
public sealed class TrainPredictValTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private string TinyData() => SyntheticDataset.Ensure(_dir.File("data"), new SyntheticOptions
    {
        TrainImages = 16, ValImages = 6, MinImageSize = 64, MaxImageSize = 96, MinObjectSize = 16, MaxObjects = 3,
    });

    [Fact]
    public void Train_then_predict_then_val_with_the_trained_weights()
    {
        string data = TinyData();
        string project = _dir.File("runs");
        int code = TrainCommand.Run(new CliArgs("train",
            ["--model", "yolo11n", "--data", data, "--epochs", "2", "--imgsz", "64", "--batch", "8", "--workers", "1",
             "--project", project, "--name", "t", "--no-plots", "--seed", "1"]));
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
        code = PredictCommand.Run(new CliArgs("predict",
            ["--weights", best, "--source", images, "--imgsz", "64", "--conf", "0.001", "--project", project]));
        Assert.Equal(0, code);
        string predict = Path.Combine(project, "predict");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(predict, "predictions.json")));
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.True(File.Exists(Path.Combine(predict, Path.GetFileNameWithoutExtension(r.GetProperty("file").GetString()!) + ".jpg"))));
        // conf 0.001 on a barely trained model: every image has candidates, each with a known class name and a box inside the image.
        foreach (var r in rows)
        {
            int w = r.GetProperty("width").GetInt32(), h = r.GetProperty("height").GetInt32();
            foreach (var d in r.GetProperty("detections").EnumerateArray())
            {
                Assert.Contains(d.GetProperty("name").GetString(), info.Names);
                Assert.InRange(d.GetProperty("x2").GetSingle(), 0, w);
                Assert.InRange(d.GetProperty("y2").GetSingle(), 0, h);
            }
        }

        var (valCode, output) = CommandRunner.Run(ValCommand.Run, "val", "--weights", last, "--data", data, "--imgsz", "64", "--json");
        Assert.Equal(0, valCode);
        var metrics = CommandRunner.Json(output);
        Assert.InRange(metrics.GetProperty("map50").GetDouble(), 0, 1);
        Assert.InRange(metrics.GetProperty("fitness").GetDouble(), 0, 1);
    }

    [Theory]
    [InlineData("train: --epochs must be an integer, got 'ten'", "--epochs", "ten")]
    [InlineData("train: unknown model 'yolo99n'. Known models: ", "--model", "yolo99n")]
    [InlineData("train: unknown option --epoch", "--epoch", "3")]
    [InlineData("train: --optimizer must be one of auto, SGD, AdamW, got 'Adam'", "--optimizer", "Adam")]
    [InlineData("train: device 'tpu' is not supported", "--device", "tpu")]
    public void Bad_arguments_are_clear_errors(string expected, params string[] args)
    {
        var e = Assert.Throws<CliException>(() => TrainCommand.Run(new CliArgs("train", args)));
        Assert.StartsWith(expected, e.Message);
    }

    [Fact]
    public void Predict_on_a_missing_source_names_it()
    {
        string data = TinyData();
        var e = Assert.Throws<CliException>(() => PredictCommand.Run(new CliArgs("predict",
            ["--weights", data, "--source", _dir.File("nowhere")])));
        Assert.Contains("nowhere", e.Message);
    }
}
