using YoloGen.Cli.Commands;
using YoloGen.IO;
using YoloGen.Runtime.Tests;
using YoloGen.Runtime.Tests.IO;
using Xunit;
using static TorchSharp.torch;

namespace YoloGen.Cli.Tests;

/// <summary><c>yologen forward</c> writes the fixture's tensor names with the reference's values.</summary>
public sealed class ForwardCommandTests
{
    private static readonly string Weights = TestPaths.Fixture("yolo11n-seed0.weights.safetensors");

    /// <summary>A small input file holding only input.B (2×3×320×256) of the fixture.</summary>
    private static string InputB(TempFolder folder)
    {
        using var io = SafeTensors.Load(TestPaths.Fixture("yolo11n-seed0.io.safetensors"));
        string path = folder.File("in.safetensors");
        SafeTensors.Save(path, new[] { ("input.B", io["input.B"]) });
        return path;
    }

    [Fact]
    public void Float64_with_train_reproduces_io64()
    {
        using var folder = new TempFolder();
        string output = folder.File("out.safetensors");

        var (code, _) = CommandRunner.Run("forward", "--model", "yolo11n", "--reference", "8.3", "--weights", Weights,
            "--input", InputB(folder), "--output", output, "--dtype", "float64", "--train");

        Assert.Equal(0, code);
        using var result = SafeTensors.Load(output);
        using var io64 = SafeTensors.Load(TestPaths.Fixture("yolo11n-seed0.io64.safetensors"));
        var expectedNames = new[] { "B.eval.y", "B.eval.raw.0", "B.eval.raw.1", "B.eval.raw.2", "B.train.raw.0", "B.train.raw.1", "B.train.raw.2" };
        Assert.Equal(expectedNames, result.Names);
        foreach (var name in expectedNames)
        {
            Assert.Equal(ScalarType.Float64, result[name].dtype);
            double error = (result[name] - io64[name]).abs().max().item<double>();
            Assert.True(error <= 1e-6, $"{name} differs from io64 by {error}");
        }
    }

    [Fact]
    public void Float32_without_train_writes_eval_outputs_only()
    {
        using var folder = new TempFolder();
        string output = folder.File("out.safetensors");

        var (code, _) = CommandRunner.Run("forward", "--model", "yolo11n", "--reference", "8.3", "--weights", Weights,
            "--input", InputB(folder), "--output", output);

        Assert.Equal(0, code);
        using var result = SafeTensors.Load(output);
        using var io = SafeTensors.Load(TestPaths.Fixture("yolo11n-seed0.io.safetensors"));
        Assert.Equal(new[] { "B.eval.y", "B.eval.raw.0", "B.eval.raw.1", "B.eval.raw.2" }, result.Names);
        Assert.True((result["B.eval.y"][.., ..4] - io["B.eval.y"][.., ..4]).abs().max().item<float>() <= 0.25f);
        Assert.True((result["B.eval.y"][.., 4..] - io["B.eval.y"][.., 4..]).abs().max().item<float>() <= 2e-3f);
    }

    [Fact]
    public void Input_file_without_inputs_is_a_clear_error()
    {
        using var folder = new TempFolder();
        var e = Assert.Throws<CliException>(() => CommandRunner.Run("forward", "--model", "yolo11n",
            "--weights", Weights, "--input", Weights, "--output", folder.File("o.safetensors")));
        Assert.Contains("has no tensor named input.<X>", e.Message);
    }

    [Fact]
    public void Weights_that_do_not_fit_are_a_weights_error_listing_the_keys()
    {
        using var folder = new TempFolder();
        var e = Assert.Throws<WeightsException>(() => CommandRunner.Run("forward", "--model", "yolo11s",
            "--weights", Weights, "--input", InputB(folder), "--output", folder.File("o.safetensors")));
        Assert.Contains("with a different shape", e.Message);
        Assert.Contains("nothing was loaded", e.Message);
    }
}
