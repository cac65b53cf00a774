using YoloGen.Nn;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.Nn.Zoo;

/// <summary>Arguments the v10/12/26 blocks cannot work with fail at construction (or at the offending input) with a message naming the rule.</summary>
public class BlockArgumentTests
{
    [Fact]
    public void A2C2f_needs_a_hidden_width_that_is_a_multiple_of_32()
    {
        var e = Assert.Throws<ArgumentException>(() => new A2C2f(64, 48));
        Assert.Contains("c2·e = 24", e.Message);
        Assert.Contains("multiple of 32", e.Message);
    }

    [Fact]
    public void A2C2f_with_residual_needs_equal_channels()
    {
        var e = Assert.Throws<ArgumentException>(() => new A2C2f(32, 64, 1, true, 1, true));
        Assert.Contains("c1 == c2", e.Message);
    }

    [Fact]
    public void PSA_needs_equal_channels() =>
        Assert.Contains("c1 == c2", Assert.Throws<ArgumentException>(() => new PSA(32, 64)).Message);

    [Fact]
    public void SPPF_needs_a_pooling_step() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SPPF(16, 16, 5, 0));

    [Fact]
    public void AAttn_rejects_a_map_whose_positions_do_not_split_into_the_areas()
    {
        using var attention = new AAttn(32, 1, 4);
        using var x = rand(1, 32, 5, 5);
        var e = Assert.Throws<ArgumentException>(() => attention.call(x));
        Assert.Contains("5×5 positions do not split into 4 areas", e.Message);
    }
}
