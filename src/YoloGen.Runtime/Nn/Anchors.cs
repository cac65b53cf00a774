using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Anchor points and box decoding shared by the detection head and the loss (Ultralytics <c>make_anchors</c>,
/// <c>dist2bbox</c>). Anchors are the cell centres (x + 0.5, y + 0.5) in grid units, level by level, row-major.
/// </summary>
public static class Anchors
{
    /// <summary>
    /// Anchor points (A, 2) as (x, y) in grid units and the stride of each anchor (A, 1), for feature maps of the
    /// given (height, width) per level. A = Σ H·W.
    /// </summary>
    public static (Tensor Points, Tensor Strides) Make(
        IReadOnlyList<(long Height, long Width)> sizes, IReadOnlyList<int> strides,
        ScalarType dtype = ScalarType.Float32, Device? device = null, double offset = 0.5)
    {
        if (sizes.Count != strides.Count)
            throw new ArgumentException($"{sizes.Count} feature sizes but {strides.Count} strides");
        device ??= CPU;
        using var scope = NewDisposeScope();
        var points = new Tensor[sizes.Count];
        var strideColumns = new Tensor[sizes.Count];
        for (int i = 0; i < sizes.Count; i++)
        {
            var (h, w) = sizes[i];
            var sx = torch.arange(w, dtype: dtype, device: device) + offset;
            var sy = torch.arange(h, dtype: dtype, device: device) + offset;
            var grid = torch.meshgrid(new[] { sy, sx }, indexing: "ij");
            points[i] = torch.stack(new[] { grid[1], grid[0] }, -1).view(-1, 2);
            strideColumns[i] = torch.full(h * w, 1, strides[i], dtype: dtype, device: device);
        }
        var result = (torch.cat(points, 0), torch.cat(strideColumns, 0));
        result.Item1.MoveToOuterDisposeScope();
        result.Item2.MoveToOuterDisposeScope();
        return result;
    }

    /// <summary><see cref="Make(IReadOnlyList{ValueTuple{long, long}}, IReadOnlyList{int}, ScalarType, Device?, double)"/> for (B, C, H, W) feature maps (their dtype and device).</summary>
    public static (Tensor Points, Tensor Strides) Make(IReadOnlyList<Tensor> features, IReadOnlyList<int> strides, double offset = 0.5) =>
        Make(features.Select(f => (f.shape[2], f.shape[3])).ToArray(), strides, features[0].dtype, features[0].device, offset);

    /// <summary>
    /// Distances (left, top, right, bottom) from anchor points to box edges → boxes, along <paramref name="dim"/>:
    /// centre x, centre y, width, height when <paramref name="xywh"/>, else x1, y1, x2, y2.
    /// </summary>
    public static Tensor DistToBox(Tensor distance, Tensor anchorPoints, bool xywh = true, long dim = -1)
    {
        var ltrb = distance.chunk(2, dim);
        var x1y1 = anchorPoints - ltrb[0];
        var x2y2 = anchorPoints + ltrb[1];
        if (!xywh) return torch.cat(new[] { x1y1, x2y2 }, dim);
        return torch.cat(new[] { (x1y1 + x2y2) / 2, x2y2 - x1y1 }, dim);
    }
}
