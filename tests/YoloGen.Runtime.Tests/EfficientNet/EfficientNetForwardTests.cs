using Xunit;
using TorchSharp;
using YoloGen.Nn;
using static TorchSharp.torch;
using static YoloGen.Runtime.Tests.EfficientNet.EfficientNetReference;

namespace YoloGen.Runtime.Tests.EfficientNet;

/// <summary>P1…P5 shapes from real forward passes (eval mode, no grad).</summary>
[Collection("EfficientNet")]
public class EfficientNetForwardTests
{
    /// <summary>Full-size inputs for the small backbones: the reference's 640×640 sizes, and a non-square 384×640.</summary>
    [Theory]
    [InlineData("efficientnet_b0", 1.0, 1.0)]
    [InlineData("efficientnet_v2_s", 1.0, 1.0)]
    [InlineData("efficientnet-b0", 0.25, 0.5)]
    [InlineData("efficientnet_v2_s", 0.25, 0.5)]
    public void Full_size_outputs(string variant, double w, double d)
    {
        using var net = Build(variant.Replace('-', '_'), w, d);
        AssertOutputs(net, 640, 640);
        AssertOutputs(net, 384, 640);
        if (w == 1.0 && d == 1.0)
        {
            // Against the reference's recorded shapes at 640 (the stage output shapes of the P indices).
            var stages = Stages(variant);
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            net.eval();
            var outs = net.forward(zeros(1, 3, 640, 640));
            for (int k = 0; k < 5; k++)
            {
                var expected = stages[net.OutputFeatureIndices[k]].GetProperty("output_shape").EnumerateArray().Select(e => e.GetInt64());
                Assert.Equal(expected, outs[k].shape);
            }
        }
    }

    /// <summary>Every variant at 1.0 and at the seed's multipliers, with small inputs (square and not).</summary>
    [Theory]
    [MemberData(nameof(AllVariants), MemberType = typeof(EfficientNetReference))]
    public void Small_input_outputs(string variant)
    {
        foreach (var (w, d) in new[] { (1.0, 1.0), (0.25, 0.5) })
        {
            using var net = Build(variant, w, d);
            var pyramid = Pyramid(variant);
            if (w == 1.0)
                Assert.Equal(pyramid.Select(p => p.GetProperty("channels_at_last").GetInt64()), net.OutputChannels);
            AssertOutputs(net, 64, 64);
            AssertOutputs(net, 64, 96);
        }
    }

    [Fact]
    public void Training_forward_runs_and_backpropagates()
    {
        using var net = new EfficientNetV2("efficientnet_v2_s", 0.25, 0.34);
        net.train();
        using var scope = NewDisposeScope();
        var outs = net.forward(randn(2, 3, 64, 64));
        outs.Select(o => o.mean()).Aggregate((a, b) => a + b).backward();
        Assert.All(net.parameters(), p => Assert.NotNull(p.grad));
    }

    private static void AssertOutputs(EfficientNetBackbone net, int h, int w)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        net.eval();
        var outs = net.forward(randn(1, 3, h, w));
        Assert.Equal(5, outs.Length);
        for (int k = 0; k < 5; k++)
        {
            int s = net.OutputStrides[k];
            Assert.Equal(new[] { 1, net.OutputChannels[k], h / s, w / s }, outs[k].shape);
            Assert.False(outs[k].isnan().any().item<bool>());
        }
    }
}
