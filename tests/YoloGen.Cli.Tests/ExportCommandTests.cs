using YoloGen.Cli.Commands;
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
            var (code, output) = CommandRunner.Run(
                (args, writer) => ExportCommand.Run(new ExportCommand.Request(Weights, "yolo11n", 384, 640, 1, false, 17, path), writer), "export");
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
        var mismatch = Assert.Throws<WeightsException>(() => ExportCommand.Run(new ExportCommand.Request(Weights, "yolo11s", 640, 640, 1, false, 17, path), TextWriter.Null));
        Assert.Contains("nothing was loaded", mismatch.Message);
        var opset = Assert.Throws<CliException>(() => ExportCommand.Run(new ExportCommand.Request(Weights, "yolo11n", 640, 640, 1, false, 9, path), TextWriter.Null));
        Assert.Equal("export: --opset 9 is not supported; opsets 13 to 21 are", opset.Message);
        Assert.False(File.Exists(path));
    }
}
