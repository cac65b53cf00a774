using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>CBLinear</c>: one k×k convolution (with bias, no norm, no activation) from c1 to sum(c2s) channels,
/// returned as the list of its consecutive slices of c2s[i] channels (one layer, several maps; YOLOv9e).
/// </summary>
public sealed class CBLinear : nn.Module<Tensor, Tensor[]>
{
    private readonly long[] splits;
    private readonly Conv2d conv;

    public CBLinear(long c1, long[] c2s, long k = 1, long s = 1, long? p = null, long g = 1) : base(nameof(CBLinear))
    {
        ArgumentNullException.ThrowIfNull(c2s);
        if (c2s.Length == 0 || c2s.Any(c => c < 1))
            throw new ArgumentException($"CBLinear c2s must be positive channel counts, got [{string.Join(", ", c2s)}]", nameof(c2s));
        splits = (long[])c2s.Clone();
        conv = nn.Conv2d(c1, splits.Sum(), k, stride: s, padding: Autopad.Of(k, p), groups: g, bias: true);
        RegisterComponents();
    }

    /// <summary>The channels of each output map.</summary>
    public IReadOnlyList<long> C2s => splits;

    public override Tensor[] forward(Tensor x)
    {
        using var y = conv.call(x);
        return y.split(splits, 1);
    }
}
