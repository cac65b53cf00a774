using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>RepBottleneck</c>: <see cref="Bottleneck"/> whose cv1 is a <see cref="RepConv"/> (so k[0] must be 3).
/// </summary>
public sealed class RepBottleneck : Bottleneck
{
    public RepBottleneck(long c1, long c2, bool shortcut = true, long g = 1, (long, long)? k = null, double e = 0.5)
        : base(nameof(RepBottleneck), c1, c2, shortcut, g, k, e, (hidden, k1) => new RepConv(c1, hidden, k1, 1)) { }
}
