using YoloGen.IO;
using YoloGen.Prediction;
using YoloGen.Runtime.Tests;
using Xunit;

namespace YoloGen.Cli.Tests;

/// <summary><c>yologen export</c> writes a loadable ONNX file of the given size; bad requests are clear errors.</summary>
public sealed class ExportCommandTests
{
    private static readonly string Weights = TestPaths.Fixture("yolo11n-seed0.weights.safetensors");

    [Fact]
    public void Export_writes_an_onnx_file_that_onnx_runtime_loads_at_the_given_size()
    {
        string path = Path.Combine(Path.GetTempPath(), $"yologen-cli-export-{Guid.NewGuid():N}.onnx");
        try
        {
            var (code, output) = CommandRunner.Run("export", "--weights", Weights, "--model", "yolo11n", "--imgsz", "384", "640", "--opset", "17", "--output", path);
            Assert.Equal(0, code);
            Assert.Contains("(ONNX opset 17, 1x3x384x640", output);
            using var network = new OnnxDetectionNetwork(path, threads: 1);
            Assert.Equal((384, 640), network.FixedSize);
            Assert.Equal(80, network.NumClasses);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Weights_of_another_model_and_an_unsupported_opset_are_errors()
    {
        string path = Path.Combine(Path.GetTempPath(), $"yologen-cli-export-{Guid.NewGuid():N}.onnx");
        var mismatch = Assert.Throws<WeightsException>(() => CommandRunner.Run("export", "--weights", Weights, "--model", "yolo11s", "--output", path));
        Assert.Contains("nothing was loaded", mismatch.Message);
        var (code, _, error) = CommandRunner.Exit("export", "--weights", Weights, "--model", "yolo11n", "--opset", "9", "--output", path);
        Assert.Equal(CliException.UsageError, code);
        Assert.Contains("--opset", error);
        Assert.Contains("13", error);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Onnx_only_options_with_format_pt_and_batch_with_dynamic_are_usage_errors()
    {
        var pt = Assert.Throws<CliException>(() => CommandRunner.Run("export", "--weights", Weights, "--format", "pt", "--opset", "17"));
        Assert.Equal(CliException.UsageError, pt.ExitCode);
        Assert.Contains("--opset applies to --format onnx", pt.Message);
        var both = Assert.Throws<CliException>(() => CommandRunner.Run("export", "--weights", Weights, "--batch", "2", "--dynamic"));
        Assert.Equal("export: give --batch N or --dynamic, not both", both.Message);
    }
}
