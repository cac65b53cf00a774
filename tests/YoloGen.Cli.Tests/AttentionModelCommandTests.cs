using YoloGen.Cli.Commands;
using YoloGen.IO;
using YoloGen.Models;
using YoloGen.Runtime.Tests.IO;
using Xunit;
using static TorchSharp.torch;

namespace YoloGen.Cli.Tests;

/// <summary>
/// <c>yologen info</c> and <c>yologen forward</c> work for the attention variants (SE, SimAM) as for yolo11n:
/// the golden totals, and a forward pass of stored weights on a non-square input that equals the network's own.
/// </summary>
public sealed class AttentionModelCommandTests
{
    [Theory]
    [InlineData("yolo11n-se", "SE", "2,632,272 parameters")]
    [InlineData("yolo11n-simam", "SimAM", "2,624,080 parameters")]
    public void Info_table_names_the_attention_layer_and_the_golden_total(string model, string module, string total)
    {
        var (code, output) = CommandRunner.Run("info", model);

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 25 + 1, lines.Length); // header, 25 layers (one more than yolo11n), totals
        Assert.Contains(module, lines[10]);     // layer 9, after SPPF's input
        Assert.Contains(total, lines[^1]);
    }

    [Theory]
    [InlineData("yolo11n-se")]
    [InlineData("yolo11n-simam")]
    public void Forward_of_stored_weights_equals_the_network_on_a_384x640_input(string name)
    {
        using var folder = new TempFolder();
        using var scope = NewDisposeScope();
        manual_seed(7);
        using var model = YoloModels.Create(name);
        string weights = folder.File("w.safetensors"), input = folder.File("in.safetensors"), output = folder.File("out.safetensors");
        StateDict.SaveFile(model, weights);
        var image = rand(1, 3, 384, 640);
        SafeTensors.Save(input, new[] { ("input.A", image) });

        var (code, _) = CommandRunner.Run("forward", "--model", name, "--weights", weights, "--input", input, "--output", output);

        Assert.Equal(0, code);
        using var result = SafeTensors.Load(output);
        Assert.Equal(new[] { "A.eval.0", "A.eval.1.boxes", "A.eval.1.scores" }, result.Names); // 8.4.50's names
        Assert.Equal(new long[] { 1, 84, 48 * 80 + 24 * 40 + 12 * 20 }, result["A.eval.0"].shape);
        model.eval();
        using var expected = model.forward(image);
        double error = (result["A.eval.0"] - expected.Predictions!).abs().max().item<float>();
        Assert.True(error <= 1e-4, $"{name}: CLI forward differs from the network by {error}");
    }
}
