using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>CBFuse</c>: from each earlier layer's list of maps (a <see cref="CBLinear"/> output) picks the map
/// <c>idx[i]</c>, resizes it to the last input's height and width (nearest), and sums them with the last input. Output
/// channels are the last input's.
/// </summary>
public sealed class CBFuse : nn.Module<Tensor[][], Tensor, Tensor>
{
    private readonly long[] idx;

    public CBFuse(long[] idx) : base(nameof(CBFuse))
    {
        ArgumentNullException.ThrowIfNull(idx);
        if (idx.Any(i => i < 0)) throw new ArgumentException($"CBFuse indices must not be negative, got [{string.Join(", ", idx)}]", nameof(idx));
        this.idx = (long[])idx.Clone();
    }

    /// <summary>Which map of each list is taken.</summary>
    public IReadOnlyList<long> Idx => idx;

    public override Tensor forward(Tensor[][] xs, Tensor last)
    {
        if (xs.Length != idx.Length)
            throw new ArgumentException($"CBFuse has {idx.Length} indices but got {xs.Length} lists of maps", nameof(xs));
        using var scope = NewDisposeScope(); // frees the resized maps and their stack on return
        long[] size = [last.shape[2], last.shape[3]];
        var terms = new Tensor[xs.Length + 1];
        for (int i = 0; i < xs.Length; i++)
        {
            if (idx[i] >= xs[i].Length)
                throw new ArgumentException($"CBFuse index {idx[i]} is outside list {i}, which holds {xs[i].Length} maps", nameof(xs));
            terms[i] = nn.functional.interpolate(xs[i][idx[i]], size: size, mode: InterpolationMode.Nearest);
        }
        terms[^1] = last;
        return torch.stack(terms).sum(dim: 0).MoveToOuterDisposeScope(); // (a bare 0 would bind to sum(ScalarType))
    }
}
