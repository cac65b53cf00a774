using TorchSharp;
using TorchSharp.Modules;
using YoloGen.IO;
using YoloGen.Models;
using YoloGen.Nn;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.Nn;

/// <summary>Folding batch norms into convolutions changes nothing but rounding: checked in float64 on a small detector.</summary>
public class FusionTests(ITestOutputHelper output)
{
    /// <summary>A three-level detector using every fusable module kind (Conv, DWConv inside Detect, C3k2/C3k, C2PSA, SPPF).</summary>
    private sealed class TinyDetector : nn.Module<Tensor, DetectionOutput>
    {
        private readonly Conv stem = new(3, 32, 3, 2);
        private readonly C3k2 block = new(32, 64, 1, true);
        private readonly Conv down1 = new(64, 128, 3, 2);
        private readonly C2PSA psa = new(128, 128);
        private readonly Conv down2 = new(128, 128, 3, 2);
        private readonly SPPF sppf = new(128, 128);
        private readonly Detect head = new(5, Detect.DefaultRegMax, null, new long[] { 64, 128, 128 }, new[] { 2, 4, 8 });

        public TinyDetector() : base(nameof(TinyDetector)) => RegisterComponents();

        public override DetectionOutput forward(Tensor x)
        {
            var p1 = block.call(stem.call(x));
            var p2 = psa.call(down1.call(p1));
            var p3 = sppf.call(down2.call(p2));
            return head.call(new[] { p1, p2, p3 });
        }
    }

    [Fact]
    public void Fused_model_gives_the_unfused_eval_output_in_float64()
    {
        using var net = new TinyDetector();
        net.to(ScalarType.Float64);
        RandomizeBatchNorms(net);
        net.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = rand(new long[] { 2, 3, 64, 48 }, dtype: ScalarType.Float64);
        var before = net.call(x);
        int batchNorms = net.modules().OfType<BatchNorm2d>().Count();

        int fused = ModuleFusion.Fuse(net);
        var after = net.call(x);

        Assert.Equal(batchNorms + 1, fused); // every Conv, plus the head
        Assert.Empty(net.modules().OfType<BatchNorm2d>());
        var names = StateDict.Entries(net).Select(e => e.Name).ToList();
        Assert.DoesNotContain(names, n => n.Contains(".bn."));
        Assert.Contains("stem.conv.bias", names);
        double yError = (after.Predictions! - before.Predictions!).abs().max().item<double>();
        double rawError = after.Raw.Zip(before.Raw).Max(p => (p.First - p.Second).abs().max().item<double>());
        output.WriteLine($"max |fused - unfused|: y {yError:E2}, raw {rawError:E2}");
        Assert.True(yError <= 1e-9, $"y differs by {yError}");
        Assert.True(rawError <= 1e-10, $"raw maps differ by {rawError}");
        Assert.True(before.Raw[0].abs().max().item<double>() > 0.1, "the test signal vanished");
    }

    [Fact]
    public void Fusing_twice_is_harmless()
    {
        using var conv = new Conv(4, 4, 3);
        conv.Fuse();
        conv.Fuse();
        Assert.True(conv.IsFused);
        Assert.Equal(new[] { "conv.weight", "conv.bias" }, StateDict.Entries(conv).Select(e => e.Name));
    }

    internal static void RandomizeBatchNorms(nn.Module net)
    {
        using var noGrad = no_grad();
        foreach (var bn in net.modules().OfType<BatchNorm2d>())
        {
            bn.weight.uniform_(0.5, 1.5);
            bn.bias!.uniform_(-0.5, 0.5);
            bn.running_mean!.uniform_(-0.2, 0.2);
            bn.running_var!.uniform_(0.5, 1.5);
        }
    }
}
