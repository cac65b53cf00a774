using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>ADown</c>: a 2×2 average pool (stride 1), split in channel halves; cv1 = Conv 3×3 stride 2 on the
/// first, a 3×3 stride-2 max pool then cv2 = Conv 1×1 on the second; the two side by side (2·(c2/2) channels).
/// </summary>
public sealed class ADown : nn.Module<Tensor, Tensor>
{
    private static readonly long[] Three = [3, 3];
    private static readonly long[] Two = [2, 2];
    private static readonly long[] One = [1, 1];

    private readonly Conv cv1;
    private readonly Conv cv2;

    public ADown(long c1, long c2) : base(nameof(ADown))
    {
        long c = c2 / 2;
        cv1 = new Conv(c1 / 2, c, 3, 2, 1);
        cv2 = new Conv(c1 / 2, c, 1, 1, 0);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope(); // frees the pooled maps and the two branches on return
        var halves = AveragePool.TwoByTwo(x).chunk(2, 1);
        var a = cv1.call(halves[0]);
        var b = cv2.call(nn.functional.max_pool2d(halves[1], Three, Two, One));
        return torch.cat(new[] { a, b }, 1).MoveToOuterDisposeScope();
    }
}
