using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>C2</c>: cv1 to 2·c channels (c = c2·e), split in halves a, b; cv2(cat(m(a), b)) to c2, where m is n
/// Bottleneck(c, c, shortcut, g, 3×3, e = 1).
/// </summary>
public sealed class C2 : nn.Module<Tensor, Tensor>
{
    private readonly Conv cv1;
    private readonly Conv cv2;
    private readonly Sequential m;

    public C2(long c1, long c2, long n = 1, bool shortcut = true, long g = 1, double e = 0.5) : base(nameof(C2))
    {
        long c = (long)(c2 * e);
        cv1 = new Conv(c1, 2 * c, 1, 1);
        cv2 = new Conv(2 * c, c2, 1);
        m = nn.Sequential(Enumerable.Range(0, checked((int)n)).Select(_ => new Bottleneck(c, c, shortcut, g, (3, 3), 1.0)));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope(); // frees the halves and their concatenation on return
        var ab = cv1.call(x).chunk(2, 1);
        return cv2.call(torch.cat(new[] { m.call(ab[0]), ab[1] }, 1)).MoveToOuterDisposeScope();
    }
}
