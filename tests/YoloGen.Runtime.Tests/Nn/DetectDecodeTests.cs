using TorchSharp;
using TorchSharp.Modules;
using YoloGen.IO;
using YoloGen.Nn;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.Nn;

/// <summary>
/// The head's decoding against the reference fixture: the reference's own raw head maps (<c>X.eval.raw.i</c>) decoded
/// here must give its <c>X.eval.y</c> bit for bit in float32 and within 2e-12 in float64 (measured 2.3e-13; the DFL
/// softmax rounds differently in libtorch's double kernels), and the anchors must be exactly its
/// <c>X.eval.anchors</c> / <c>X.eval.strides</c>.
/// </summary>
public class DetectDecodeTests(ITestOutputHelper output)
{
    private static Detect NewHead() => new(80, Detect.DefaultRegMax, null, new long[] { 64, 128, 256 }, new[] { 8, 16, 32 }, boxBias: 1.0); // 8.3.0's bias_init

    [Theory]
    [InlineData("A")]
    [InlineData("B")]
    public void Decode_of_reference_raw_maps_equals_reference_y_in_float32(string input)
    {
        using var io = SafeTensors.Load(TestPaths.Fixture("yolo11n-seed0.io.safetensors"));
        using var head = NewHead();
        using var scope = NewDisposeScope();
        var raw = Enumerable.Range(0, 3).Select(i => io[$"{input}.eval.raw.{i}"]).ToArray();
        var y = head.Decode(raw);
        var expected = io[$"{input}.eval.y"];
        Assert.Equal(expected.shape, y.shape);
        double boxError = (y[.., ..4] - expected[.., ..4]).abs().max().item<float>();
        double scoreError = (y[.., 4..] - expected[.., 4..]).abs().max().item<float>();
        output.WriteLine($"{input} float32: boxes {boxError:E2} px, scores {scoreError:E2}");
        Assert.True(boxError == 0 && scoreError == 0, $"boxes differ by {boxError} px, scores by {scoreError}");
    }

    [Theory]
    [InlineData("A")]
    [InlineData("B")]
    public void Decode_of_reference_raw_maps_equals_reference_y_in_float64(string input)
    {
        using var io = SafeTensors.Load(TestPaths.Fixture("yolo11n-seed0.io64.safetensors"));
        using var head = NewHead();
        head.to(ScalarType.Float64);
        using var scope = NewDisposeScope();
        var raw = Enumerable.Range(0, 3).Select(i => io[$"{input}.eval.raw.{i}"]).ToArray();
        var y = head.Decode(raw);
        Assert.Equal(ScalarType.Float64, y.dtype);
        double error = (y - io[$"{input}.eval.y"]).abs().max().item<double>();
        output.WriteLine($"{input} float64: {error:E2}");
        Assert.True(error <= 2e-12, $"float64 decode differs by {error}");
    }

    [Theory]
    [InlineData("A")]
    [InlineData("B")]
    public void Anchors_equal_reference_anchors_and_strides(string input)
    {
        using var io = SafeTensors.Load(TestPaths.Fixture("yolo11n-seed0.io.safetensors"));
        using var scope = NewDisposeScope();
        var raw = Enumerable.Range(0, 3).Select(i => io[$"{input}.eval.raw.{i}"]).ToArray();
        var (points, strides) = Anchors.Make(raw, new[] { 8, 16, 32 });
        AssertExactlyEqual(io[$"{input}.eval.anchors"], points.t());
        AssertExactlyEqual(io[$"{input}.eval.strides"], strides.t());
    }

    private static void AssertExactlyEqual(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        Assert.Equal(expected.dtype, actual.dtype);
        Assert.True(expected.eq(actual).all().item<bool>());
    }

    [Fact]
    public void Head_weights_of_the_fixture_load_strictly()
    {
        using var weights = SafeTensors.Load(TestPaths.Fixture("yolo11n-seed0.weights.safetensors"));
        using var head = NewHead();
        const string prefix = "model.23.";
        var headTensors = weights.Tensors.Where(t => t.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(t => (t.Name[prefix.Length..], t.Tensor)).ToList();
        var report = StateDict.Load(head, headTensors, "model.23");
        Assert.True(report.IsExact, report.ToString());
        Assert.Equal(121, report.Loaded);
        // Order too: the head's state dict lists the keys in the file's order.
        Assert.Equal(headTensors.Select(t => t.Item1), StateDict.Entries(head).Select(e => e.Name));
    }

    [Fact]
    public void Train_mode_returns_raw_maps_only_and_eval_mode_adds_predictions()
    {
        using var head = NewHead();
        using var scope = NewDisposeScope();
        var maps = new[] { rand(2, 64, 8, 6), rand(2, 128, 4, 3), rand(2, 256, 2, 2) };
        head.train();
        var train = head.call(maps);
        Assert.Null(train.Predictions);
        Assert.Equal(new long[] { 2, 144, 8, 6 }, train.Raw[0].shape);
        head.eval();
        using var noGrad = no_grad();
        var eval = head.call(maps);
        Assert.Equal(new long[] { 2, 84, 48 + 12 + 4 }, eval.Predictions!.shape);
        Assert.Equal(3, eval.Raw.Length);
    }

    [Fact]
    public void Reference_initialisation_of_biases_dfl_and_batch_norm()
    {
        using var head = NewHead();
        var entries = StateDict.Entries(head).ToDictionary(e => e.Name, e => e.Tensor);
        int[] strides = { 8, 16, 32 };
        for (int i = 0; i < 3; i++)
        {
            Assert.True(entries[$"cv2.{i}.2.bias"].eq(1.0f).all().item<bool>());
            float expected = (float)Math.Log(5.0 / 80 / Math.Pow(640.0 / strides[i], 2));
            Assert.True(entries[$"cv3.{i}.2.bias"].eq(expected).all().item<bool>());
        }
        var dfl = head.named_parameters().Single(p => p.name == "dfl.conv.weight").parameter;
        Assert.False(dfl.requires_grad);
        Assert.Equal(Enumerable.Range(0, 16).Select(v => (float)v), dfl.data<float>().ToArray());
        var bn = head.modules().OfType<BatchNorm2d>().First();
        Assert.Equal(1e-3, bn.eps);
        Assert.Equal(0.03, bn.momentum);
        Assert.Equal(head.parameters().Sum(p => p.numel()) - 16, head.parameters().Where(p => p.requires_grad).Sum(p => p.numel()));
    }
}
