using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// What <see cref="MBConv"/> and <see cref="FusedMBConv"/> share: a <c>block</c> Sequential, and a residual connection
/// through <c>stochastic_depth</c> when the stride is 1 and c1 = c2 (torchvision's <c>use_res_connect</c>).
/// </summary>
public abstract partial class EfficientNetBlock : nn.Module<Tensor, Tensor>
{
    private readonly Sequential block;
    private readonly StochasticDepth stochastic_depth;

    private protected EfficientNetBlock(string name, long c1, long c2, long stride, double stochasticDepthProb, Sequential block)
        : base(name)
    {
        UsesResidual = stride == 1 && c1 == c2;
        this.block = block;
        stochastic_depth = new StochasticDepth(stochasticDepthProb);
        RegisterComponents();
    }

    /// <summary>Whether the block adds its input back (stride 1 and equal channels).</summary>
    public bool UsesResidual { get; }

    /// <summary>Probability of dropping the residual branch in training (0.2 · j / J).</summary>
    public double StochasticDepthProbability => stochastic_depth.P;

    public override Tensor forward(Tensor input)
    {
        if (!UsesResidual) return block.forward(input);
        using var scope = NewDisposeScope();
        var result = stochastic_depth.forward(block.forward(input));
        return result.add_(input).MoveToOuterDisposeScope();
    }

    /// <summary>Width after expansion: torchvision's <c>adjust_channels(c1, expand_ratio)</c>.</summary>
    private protected static long Expanded(long c1, int expandRatio, long stride, string block)
    {
        if (stride is < 1 or > 2) throw new ArgumentOutOfRangeException(nameof(stride), stride, $"{block} stride must be 1 or 2");
        return EfficientNetSpec.MakeDivisible(c1 * (double)expandRatio, 8);
    }
}
