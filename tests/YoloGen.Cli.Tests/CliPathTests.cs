using System.Text.Json;
using YoloGen.Data;
using YoloGen.IO;
using YoloGen.Models;
using YoloGen.Runtime.Tests;
using YoloGen.Runtime.Tests.IO;
using YoloGen.Training;
using Xunit;

namespace YoloGen.Cli.Tests;

/// <summary>
/// The user-facing paths through the program as it runs (exit code, one-line error on standard error): <c>models</c>,
/// <c>train --resume</c>, weights that are missing, malformed or of another network or class count, and predict on an
/// empty folder or an unreadable image.
/// </summary>
public sealed class CliPathTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A 4-class dataset of two training and two validation images, 64–96 px.</summary>
    private string TinyData() => SyntheticDataset.Ensure(_dir.File("data"), new SyntheticOptions
    {
        TrainImages = 2, ValImages = 2, MinImageSize = 64, MaxImageSize = 96, MinObjectSize = 16, MaxObjects = 2,
    });

    /// <summary>A plain state dict (no checkpoint record) of yolo11n with <paramref name="nc"/> classes.</summary>
    private string PlainWeights(int nc)
    {
        string path = _dir.File($"yolo11n-nc{nc}.safetensors");
        using var model = YoloModels.Create("yolo11n", nc);
        StateDict.SaveFile(model, path);
        return path;
    }

    private static void AssertError(int expectedCode, string expectedStart, (int Code, string Output, string Error) run)
    {
        Assert.True(expectedCode == run.Code, $"exit code {run.Code}, expected {expectedCode}; stderr: {run.Error}");
        Assert.StartsWith(expectedStart, run.Error);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Models_lists_every_compiled_in_network_once()
    {
        var (code, output, error) = CommandRunner.Exit("models");
        Assert.Equal((0, ""), (code, error));
        Assert.Equal(YoloModels.Names, output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("yolo11n-efficientnetv1", output);
        AssertError(2, "yologen models: unexpected argument 'yolo11n'", CommandRunner.Exit("models", "yolo11n"));
    }

    [Fact]
    public void Predict_on_an_empty_folder_is_a_failure_naming_the_folder()
    {
        string empty = Directory.CreateDirectory(_dir.File("empty")).FullName;
        File.WriteAllText(Path.Combine(empty, "notes.txt"), "not an image");
        AssertError(1, $"yologen predict: no images (.jpg, .png, …) in {empty}",
            CommandRunner.Exit("predict", "--weights", PlainWeights(4), "--model", "yolo11n", "--source", empty, "--project", _dir.File("runs")));
    }

    [Fact]
    public void Predict_skips_an_unreadable_image_and_fails_when_none_can_be_read()
    {
        string weights = PlainWeights(4);
        string folder = Directory.CreateDirectory(_dir.File("images")).FullName;
        string good = Directory.EnumerateFiles(Path.Combine(Path.GetDirectoryName(TinyData())!, "images", "val")).Order(StringComparer.Ordinal).First();
        File.Copy(good, Path.Combine(folder, "a.jpg"));
        string bad = Path.Combine(folder, "b.jpg");
        File.WriteAllBytes(bad, [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]); // a JPEG header, then nothing
        string project = _dir.File("runs");

        var (code, output, error) = CommandRunner.Exit("predict", "--weights", weights, "--model", "yolo11n", "--source", folder,
            "--imgsz", "64", "--project", project, "--name", "p");

        Assert.True(code == 0, error);
        Assert.StartsWith($"predict: skipping {bad}: ", error);
        Assert.Contains("Results saved to", output);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(project, "p", "predictions.json")));
        Assert.Equal([Path.Combine(folder, "a.jpg")], json.RootElement.EnumerateArray().Select(r => r.GetProperty("file").GetString()));

        File.Delete(Path.Combine(folder, "a.jpg"));
        var none = CommandRunner.Exit("predict", "--weights", weights, "--model", "yolo11n", "--source", folder, "--imgsz", "64", "--project", project);
        Assert.Equal(1, none.Code);
        Assert.EndsWith($"yologen predict: none of the 1 image(s) in {folder} could be read", none.Error.TrimEnd());
    }

    [Fact]
    public void Weights_errors_name_the_file_with_the_right_exit_code()
    {
        string weights = PlainWeights(4), source = _dir.File("x.jpg"), project = _dir.File("runs");
        string missing = _dir.File("missing.safetensors"), garbage = _dir.File("garbage.safetensors");
        File.WriteAllBytes(garbage, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        File.WriteAllBytes(source, [1, 2, 3]); // read only after the weights load
        string[] common = ["--source", source, "--project", project];

        AssertError(2, $"yologen predict: --model is required for {weights} (a plain weights file)", CommandRunner.Exit(["predict", "--weights", weights, .. common]));
        AssertError(1, $"yologen predict: weights file {missing} does not exist", CommandRunner.Exit(["predict", "--weights", missing, "--model", "yolo11n", .. common]));
        AssertError(1, $"yologen predict: {garbage}", CommandRunner.Exit(["predict", "--weights", garbage, "--model", "yolo11n", .. common]));
        string noHead = TestPaths.Fixture("loss-yolo11n-seed0.safetensors");
        AssertError(1, $"yologen val: {noHead} has no detection head tensor", CommandRunner.Exit("val", "--weights", noHead, "--model", "yolo11n"));
        var other = CommandRunner.Exit("val", "--weights", weights, "--model", "yolo11s");
        AssertError(1, "yologen val: ", other);
        Assert.Contains("with a different shape", other.Error);
    }

    [Fact]
    public void Val_with_weights_of_another_class_count_names_both_counts()
    {
        string data = TinyData();
        AssertError(1, $"yologen val: {data} has 4 classes but the weights have 3",
            CommandRunner.Exit("val", "--weights", PlainWeights(3), "--model", "yolo11n", "--data", data, "--imgsz", "64"));
    }

    [Fact]
    public void Train_resume_errors_and_a_finished_run_found_by_bare_resume()
    {
        string project = _dir.File("runs");
        AssertError(1, $"yologen train: --resume found no weights/last.safetensors under {project}", CommandRunner.Exit("train", "--resume", "--project", project));
        AssertError(1, $"yologen train: --resume {_dir.File("nope.safetensors")} does not exist", CommandRunner.Exit("train", "--resume", _dir.File("nope.safetensors")));
        string plain = PlainWeights(4);
        AssertError(1, $"yologen train: {plain} is not a training checkpoint", CommandRunner.Exit("train", $"resume={plain}"));

        // A one-epoch run in the reference's spelling, then a bare --resume finds its last.safetensors, which is finished.
        var (code, output, error) = CommandRunner.Exit("train", "model=yolo11n.yaml", $"data={TinyData()}", "epochs=1", "imgsz=64", "batch=2",
            "workers=1", $"project={project}", "name=t", "plots=False", "seed=3");
        Assert.True(code == 0, error);
        string last = Path.Combine(project, "t", "weights", "last.safetensors");
        Assert.Contains($"Results saved to {Path.Combine(project, "t")}", output);
        var info = Checkpoint.ReadInfo(last)!;
        Assert.Equal(("yolo11n", 1, 1, 64, 2, 3, false), (info.Model, info.Epoch, info.Args.Epochs, info.Args.ImageSize, info.Args.Batch, info.Args.Seed, info.Args.Plots));
        Assert.False(File.Exists(Path.Combine(project, "t", "results.png")));
        AssertError(1, $"yologen train: {last}: the run already finished all 1 epochs; nothing to resume", CommandRunner.Exit("train", "--resume", "--project", project));
    }

    [Fact]
    public void Train_rounds_an_image_size_up_to_the_stride_with_a_warning_and_rejects_an_unknown_device_before_data_work()
    {
        AssertError(2, "yologen train: device 'tpu' is not supported", CommandRunner.Exit("train", "--device", "tpu", "--data", _dir.File("absent.yaml")));
        AssertError(2, "yologen train: unknown model 'yolo11q'", CommandRunner.Exit("train", "model=yolo11q.yaml", "--data", _dir.File("absent.yaml")));
        var (code, _, error) = CommandRunner.Exit("train", "--data", _dir.File("absent.yaml"), "--imgsz", "70", "--project", _dir.File("runs"));
        var lines = error.TrimEnd().Split('\n');
        Assert.Equal(1, code);
        Assert.Equal(["train: --imgsz 70 is not a multiple of the maximum stride 32; using 96"], lines[..^1]);
        Assert.StartsWith("yologen train: ", lines[^1]);
        Assert.Contains("absent.yaml", lines[^1]);
    }
}
