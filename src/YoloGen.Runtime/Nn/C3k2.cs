using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>C3k2</c> (8.4 signature): a <see cref="C2f"/> of c = c2·e hidden channels whose n blocks are, in order
/// of precedence, Sequential(<see cref="Bottleneck"/>(c, c), <see cref="PSABlock"/>(c, 0.5, max(c/64, 1) heads)) when
/// <paramref name="attn"/> is set (YOLO26's last neck block), <see cref="C3k"/>(c, c, 2) when <paramref name="c3k"/> is
/// set, else <see cref="Bottleneck"/>(c, c) with its default 3×3 kernels and e = 0.5.
/// </summary>
public sealed class C3k2 : C2f
{
    public C3k2(long c1, long c2, long n = 1, bool c3k = false, double e = 0.5, bool attn = false, long g = 1, bool shortcut = true)
        : base(nameof(C3k2), c1, c2, n, e, c => Block(c, c3k, attn, g, shortcut)) { }

    private static nn.Module<Tensor, Tensor> Block(long c, bool c3k, bool attn, long g, bool shortcut)
    {
        if (attn) return nn.Sequential(new Bottleneck(c, c, shortcut, g), new PSABlock(c, 0.5, Math.Max(c / 64, 1)));
        return c3k ? new C3k(c, c, 2, shortcut, g) : new Bottleneck(c, c, shortcut, g);
    }
}
