using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>Ultralytics <c>C3Ghost</c>: <see cref="C3"/> whose <c>m</c> holds n GhostBottleneck(c_, c_) blocks (c_ = c2·e).</summary>
public sealed class C3Ghost : C3
{
    public C3Ghost(long c1, long c2, long n = 1, bool shortcut = true, long g = 1, double e = 0.5)
        : base(nameof(C3Ghost), c1, c2, n, e, c => new GhostBottleneck(c, c)) { }
}
