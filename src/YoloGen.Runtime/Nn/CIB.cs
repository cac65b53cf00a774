using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>CIB</c> (YOLOv10's compact inverted block), cv1 = Sequential of depth-wise 3×3 on c1 → 1×1 to 2c_ →
/// depth-wise 3×3 on 2c_ (a <see cref="RepVGGDW"/> when <paramref name="lk"/>) → 1×1 to c2 → depth-wise 3×3 on c2, with
/// c_ = c2·e; plus the input when <paramref name="shortcut"/> and c1 = c2.
/// </summary>
public sealed class CIB : nn.Module<Tensor, Tensor>
{
    private readonly Sequential cv1;
    private readonly bool add;

    public CIB(long c1, long c2, bool shortcut = true, double e = 0.5, bool lk = false) : base(nameof(CIB))
    {
        long hidden = 2 * (long)(c2 * e);
        cv1 = nn.Sequential(
            new Conv(c1, c1, 3, g: c1),
            new Conv(c1, hidden, 1),
            lk ? new RepVGGDW(hidden) : new Conv(hidden, hidden, 3, g: hidden),
            new Conv(hidden, c2, 1),
            new Conv(c2, c2, 3, g: c2));
        add = shortcut && c1 == c2;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var y = cv1.call(x);
        if (!add) return y;
        using (y) return x + y;
    }
}
