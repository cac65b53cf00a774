using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// torchvision's <c>StochasticDepth(p, "row")</c>: in training, zeroes each sample's residual branch with probability
/// <see cref="P"/> and scales survivors by 1/(1−p); identity in eval mode or when p = 0.
/// </summary>
public sealed partial class StochasticDepth : nn.Module<Tensor, Tensor>
{
    public StochasticDepth(double p) : base(nameof(StochasticDepth))
    {
        if (p < 0 || p > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "drop probability must be in [0, 1]");
        P = p;
    }

    /// <summary>Probability of dropping the branch for one sample.</summary>
    public double P { get; }

    public override Tensor forward(Tensor input)
    {
        if (!training || P == 0) return input.alias();
        double survival = 1.0 - P;
        var shape = new long[input.dim()];
        shape[0] = input.shape[0];
        for (int i = 1; i < shape.Length; i++) shape[i] = 1;
        using var noise = empty(shape, input.dtype, input.device).bernoulli_(survival);
        if (survival > 0) noise.div_(survival);
        return input * noise;
    }
}
