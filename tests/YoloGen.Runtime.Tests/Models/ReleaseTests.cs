using YoloGen.Models;
using YoloGen.Nn;
using Xunit;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.Models;

/// <summary>
/// <c>DetectionModel.Release</c>, which generated eval forwards call after a layer output's last consumer: it disposes the
/// outputs it is given, except one the consumer returned unchanged (a module whose forward returns its input).
/// </summary>
public class ReleaseTests
{
    private sealed class Probe() : DetectionModel("probe", 1)
    {
        public override Detect Head => throw new NotSupportedException();
        public override IReadOnlyList<LayerInfo> LayerInfos => [];
        public override DetectionOutput forward(Tensor x) => throw new NotSupportedException();
        public static void Call(object? result, params Tensor[] used) => Release(result, used);
    }

    [Fact]
    public void Disposes_the_used_outputs()
    {
        var a = ones(3);
        var b = ones(3);
        var result = zeros(3);
        Probe.Call(result, a, b);
        Assert.True(a.IsInvalid);
        Assert.True(b.IsInvalid);
        Assert.False(result.IsInvalid);
        Assert.Equal(0f, result.sum().item<float>());
        result.Dispose();
    }

    [Fact]
    public void Keeps_an_output_the_consumer_returned()
    {
        var passedThrough = ones(3);
        var other = ones(3);
        Probe.Call(passedThrough, passedThrough, other);
        Assert.False(passedThrough.IsInvalid);
        Assert.True(other.IsInvalid);

        var element = ones(3);
        Probe.Call(new[] { zeros(1), element }, element);
        Assert.False(element.IsInvalid);

        var raw = ones(3);
        using var output = new DetectionOutput(null, [raw]);
        Probe.Call(output, raw);
        Assert.False(raw.IsInvalid);
        passedThrough.Dispose();
        element.Dispose();
    }

    [Fact]
    public void Outputs_without_a_consumer_are_disposed()
    {
        var unused = ones(3);
        Probe.Call(null, unused);
        Assert.True(unused.IsInvalid);
    }
}
