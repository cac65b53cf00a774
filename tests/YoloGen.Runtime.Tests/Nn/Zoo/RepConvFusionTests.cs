using TorchSharp;
using TorchSharp.Modules;
using YoloGen.IO;
using YoloGen.Nn;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.Nn.Zoo;

/// <summary>
/// RepConv's re-parameterisation beyond the reference outputs (ModuleParityTests): the fused state dict is the
/// reference's (<c>conv.weight</c>, <c>conv.bias</c> only), fusing is idempotent and does not depend on whether the
/// branch Convs were fused first, and a YOLOv9 block stack fused by ModuleFusion keeps its float64 output.
/// </summary>
public class RepConvFusionTests
{
    [Theory]
    [InlineData(false, 1L)]
    [InlineData(true, 1L)]
    [InlineData(true, 4L)]
    public void Fused_RepConv_is_one_convolution_with_the_same_output(bool identity, long groups)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var module = new RepConv(8, 8, g: groups, bn: identity);
        Randomise(module);
        module.eval();
        var x = randn(2, 8, 7, 5, dtype: ScalarType.Float64);
        var before = module.call(x);
        Assert.Equal(identity ? 17 : 12, StateDict.Entries(module).Count);

        module.Fuse();
        module.Fuse(); // idempotent

        Assert.True(module.IsFused);
        Assert.Equal(["conv.weight", "conv.bias"], StateDict.Entries(module).Select(e => e.Name));
        Assert.Equal([8L, 8 / groups, 3, 3], StateDict.Entries(module)[0].Tensor.shape);
        Assert.All(module.parameters(), p => Assert.False(p.requires_grad));
        Assert.True((module.call(x) - before).abs().max().item<double>() <= 1e-12);
    }

    [Fact]
    public void Fusing_the_branches_first_gives_the_same_convolution()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var a = new RepConv(6, 6, bn: true);
        Randomise(a);
        using var b = new RepConv(6, 6, bn: true);
        b.to(ScalarType.Float64);
        StateDict.Load(b, StateDict.Entries(a));
        foreach (var conv in b.modules().OfType<Conv>()) conv.Fuse(); // the order a module walk might take

        a.Fuse();
        b.Fuse();

        foreach (var (first, second) in StateDict.Entries(a).Zip(StateDict.Entries(b)))
            Assert.True(first.Tensor.equal(second.Tensor).all().item<bool>(), first.Name);
    }

    [Fact]
    public void A_fused_YOLOv9_stack_gives_the_unfused_eval_output()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var stack = nn.Sequential(
            new ELAN1(3, 16, 16, 8), new AConv(16, 24), new RepNCSPELAN4(24, 32, 32, 16, 2),
            new ADown(32, 32), new SPPELAN(32, 32, 16));
        Randomise(stack);
        stack.eval();
        var x = rand(1, 3, 32, 24, dtype: ScalarType.Float64);
        var before = stack.call(x);
        int repConvs = stack.modules().OfType<RepConv>().Count();

        ModuleFusion.Fuse(stack);

        Assert.Equal(4, repConvs); // two RepCSPs of two RepBottlenecks
        Assert.All(stack.modules().OfType<RepConv>(), r => Assert.True(r.IsFused));
        Assert.Empty(stack.modules().OfType<BatchNorm2d>());
        Assert.True((stack.call(x) - before).abs().max().item<double>() <= 1e-9);
    }

    /// <summary>Float64 with non-trivial batch-norm statistics, so every branch contributes.</summary>
    private static void Randomise(nn.Module module)
    {
        module.to(ScalarType.Float64);
        foreach (var bn in module.modules().OfType<BatchNorm2d>())
        {
            long c = bn.weight!.shape[0];
            bn.weight.copy_(rand(c, dtype: ScalarType.Float64) + 0.5);
            bn.bias!.copy_(rand(c, dtype: ScalarType.Float64) - 0.5);
            bn.running_mean!.copy_(rand(c, dtype: ScalarType.Float64) * 0.2 - 0.1);
            bn.running_var!.copy_(rand(c, dtype: ScalarType.Float64) + 0.5);
        }
    }
}
