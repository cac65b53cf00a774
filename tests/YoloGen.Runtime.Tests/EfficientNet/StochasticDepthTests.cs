using Xunit;
using TorchSharp;
using YoloGen.Nn;
using YoloGen.Runtime.Tests.Training;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.EfficientNet;

/// <summary>Seeds the process-wide generator, so it runs with the other tests that do (none draws in parallel).</summary>
[Collection(SerialCollection.Name)]
public class StochasticDepthTests
{
    [Fact]
    public void Row_mode_drops_whole_samples_and_rescales_survivors()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        var sd = new StochasticDepth(0.25);
        var x = ones(4000, 3, 2, 2);
        sd.train();
        var y = sd.forward(x);
        var perSample = y.reshape(4000, -1);
        // Each sample is either all 0 or all 1/(1-p).
        var first = perSample[.., 0];
        Assert.True(perSample.eq(first.unsqueeze(1)).all().item<bool>());
        Assert.True((first.eq(0) | first.isclose(tensor(1 / 0.75f))).all().item<bool>());
        double dropped = first.eq(0).to_type(ScalarType.Float64).mean().item<double>();
        Assert.InRange(dropped, 0.22, 0.28);

        sd.eval();
        Assert.True(sd.forward(x).eq(x).all().item<bool>());
        var none = new StochasticDepth(0);
        none.train();
        Assert.True(none.forward(x).eq(x).all().item<bool>());
    }
}
