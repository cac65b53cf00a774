using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>Ultralytics <c>RepCSP</c>: <see cref="C3"/> whose <c>m</c> holds n RepBottleneck(c_, c_, shortcut, g, e = 1) blocks (c_ = c2·e).</summary>
public sealed class RepCSP : C3
{
    public RepCSP(long c1, long c2, long n = 1, bool shortcut = true, long g = 1, double e = 0.5)
        : base(nameof(RepCSP), c1, c2, n, e, c => new RepBottleneck(c, c, shortcut, g, null, 1.0)) { }
}
