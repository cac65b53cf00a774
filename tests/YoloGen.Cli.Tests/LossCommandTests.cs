using YoloGen.Cli.Commands;
using YoloGen.IO;
using YoloGen.Runtime.Tests;
using Xunit;

namespace YoloGen.Cli.Tests;

/// <summary><c>yologen loss</c> on the loss fixture reproduces the reference's stored numbers.</summary>
public sealed class LossCommandTests
{
    private static readonly string Fixture = TestPaths.Fixture("loss-yolo11n-seed0.safetensors");

    private static double Scalar(string name, SafeTensorsFile f) => f[name].to_type(TorchSharp.torch.ScalarType.Float64).item<double>();

    [Fact]
    public void Float64_json_matches_the_reference_float64_loss()
    {
        var (code, output) = CommandRunner.Run("loss", "--input", Fixture, "--dtype", "float64", "--json");
        Assert.Equal(0, code);
        var json = CommandRunner.Json(output);
        using var f = SafeTensors.Load(Fixture);
        var items = f["loss.items.f64"].data<double>().ToArray();
        Assert.Equal(Scalar("loss.total.f64", f), json.GetProperty("total").GetDouble(), 1e-9 * 55);
        Assert.Equal(items[0], json.GetProperty("box").GetDouble(), 1e-9 * items[0]);
        Assert.Equal(items[1], json.GetProperty("cls").GetDouble(), 1e-9 * items[1]);
        Assert.Equal(items[2], json.GetProperty("dfl").GetDouble(), 1e-9 * items[2]);
        // The defaults the file implies: 144 channels → 80 classes; a 40×40 first map → imgsz 320, strides 8/16/32.
        Assert.Equal(80, json.GetProperty("nc").GetInt32());
        Assert.Equal(320, json.GetProperty("imgsz").GetInt32());
        Assert.Equal([8, 16, 32], json.GetProperty("strides").EnumerateArray().Select(e => e.GetInt32()).ToArray());
    }

    [Fact]
    public void Float32_text_reports_the_reference_float32_total()
    {
        var report = LossCommand.Compute(Fixture, TorchSharp.torch.ScalarType.Float32, imageSize: 320, numClasses: 80);
        using var f = SafeTensors.Load(Fixture);
        Assert.Equal(Scalar("loss.total", f), report.Total, 1e-5 * 55);
        Assert.Equal(81, report.Foreground);

        var (code, output) = CommandRunner.Run("loss", "--input", Fixture);
        Assert.Equal(0, code);
        Assert.Contains("total  55.2122", output);
        Assert.Contains("loss (float32, imgsz 320, nc 80, strides 8/16/32)", output);
    }

    [Fact]
    public void Inconsistent_options_and_missing_files_are_clear_errors()
    {
        var e = Assert.Throws<CliException>(() => CommandRunner.Run("loss", "--input", Fixture, "--nc", "20"));
        Assert.Contains("144 channels", e.Message);
        e = Assert.Throws<CliException>(() => CommandRunner.Run("loss", "--input", Fixture, "--imgsz", "300"));
        Assert.Contains("does not divide the image size 300", e.Message);
        e = Assert.Throws<CliException>(() => CommandRunner.Run("loss", "--input", TestPaths.Fixture("nms-yolo11n-seed0.safetensors")));
        Assert.Contains("no head maps", e.Message);
    }
}
