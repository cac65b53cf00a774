using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>C2PSA</c>: cv1 splits into halves a, b of c = c1·e channels; b goes through n
/// <see cref="PSABlock"/>s (c/64 heads); cv2 merges cat(a, b). Requires c1 = c2.
/// </summary>
public sealed partial class C2PSA : nn.Module<Tensor, Tensor>
{
    private readonly Conv cv1;
    private readonly Conv cv2;
    private readonly Sequential m;
    private readonly long c;

    public C2PSA(long c1, long c2, long n = 1, double e = 0.5) : base(nameof(C2PSA))
    {
        if (c1 != c2) throw new ArgumentException($"C2PSA needs c1 == c2, got {c1} and {c2}");
        c = (long)(c1 * e);
        cv1 = new Conv(c1, 2 * c, 1, 1);
        cv2 = new Conv(2 * c, c1, 1);
        m = nn.Sequential(Enumerable.Range(0, checked((int)n)).Select(_ => new PSABlock(c, 0.5, c / 64)));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope(); // frees the split halves, the attention branch and the concatenation on return
        var ab = cv1.call(x).split(new[] { c, c }, 1);
        return cv2.call(torch.cat(new[] { ab[0], m.call(ab[1]) }, 1)).MoveToOuterDisposeScope();
    }
}
