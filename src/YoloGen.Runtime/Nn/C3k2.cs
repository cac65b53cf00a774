using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>C3k2</c>: a <see cref="C2f"/> whose blocks are <see cref="C3k"/>(c, c, 2) when <paramref name="c3k"/>
/// is set, else <see cref="Bottleneck"/>(c, c) with its default 3×3 kernels and e = 0.5.
/// </summary>
public sealed class C3k2 : C2f
{
    public C3k2(long c1, long c2, long n = 1, bool c3k = false, double e = 0.5, long g = 1, bool shortcut = true)
        : base(nameof(C3k2), c1, c2, n, e, c => c3k
            ? new C3k(c, c, 2, shortcut, g)
            : new Bottleneck(c, c, shortcut, g)) { }
}
