using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>Ultralytics <c>AConv</c>: a 2×2 average pool (stride 1), then cv1, a 3×3 stride-2 Conv (padding 1) to c2.</summary>
public sealed class AConv : nn.Module<Tensor, Tensor>
{
    private readonly Conv cv1;

    public AConv(long c1, long c2) : base(nameof(AConv))
    {
        cv1 = new Conv(c1, c2, 3, 2, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var pooled = AveragePool.TwoByTwo(x);
        return cv1.call(pooled);
    }
}
