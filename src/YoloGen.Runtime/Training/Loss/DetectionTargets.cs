using YoloGen.Boxes;
using static TorchSharp.torch;

namespace YoloGen.Training.Loss;

/// <summary>
/// Ground truth of a batch in the dataloader's layout: one row per box with its image index, class and
/// normalised (cx, cy, w, h) relative to the network input.
/// </summary>
public sealed record DetectionTargets(Tensor BatchIndex, Tensor Classes, Tensor Boxes)
{
    public long Count => BatchIndex.shape[0];

    /// <summary>
    /// Per-image padded targets in <paramref name="dtype"/>: labels (B, M, 1) and xyxy boxes in input pixels (B, M, 4),
    /// M = the largest box count of an image; images with fewer boxes are padded with zero rows.
    /// </summary>
    internal (Tensor Labels, Tensor Boxes) Padded(long batchSize, double imageHeight, double imageWidth, ScalarType dtype, Device device)
    {
        using var scope = NewDisposeScope();
        long n = Count;
        if (Classes.numel() != n || Boxes.shape.Length != 2 || Boxes.shape[0] != n || Boxes.shape[1] != 4)
            throw new ArgumentException($"targets: {n} batch indices, {Classes.numel()} classes and boxes of shape [{string.Join(", ", Boxes.shape)}] (expected [{n}, 4])");
        var index = BatchIndex.to(ScalarType.Int64, device).reshape(-1);
        var rows = cat([Classes.reshape(-1, 1), Boxes], 1).to(dtype, device);   // (n, 5)
        var counts = n == 0 ? Array.Empty<long>() : bincount(index, minlength: batchSize).data<long>().ToArray();
        if (counts.Length > batchSize)
            throw new ArgumentException($"targets: image index {counts.Length - 1} is outside the batch of {batchSize}");
        long max = counts.Length == 0 ? 0 : counts.Max();
        var padded = zeros(batchSize, max, 5, dtype: dtype, device: device);
        for (long j = 0; j < batchSize && max > 0; j++)
        {
            if (counts[j] == 0) continue;
            var selected = rows.index_select(0, nonzero(index.eq(j)).reshape(-1));
            padded[j, TensorIndex.Slice(0, counts[j])] = selected;
        }
        var labels = padded[TensorIndex.Ellipsis, TensorIndex.Slice(0, 1)];
        var scale = tensor(new[] { imageWidth, imageHeight, imageWidth, imageHeight }, dtype: dtype, device: device);
        var boxes = BoxFormat.XywhToXyxy(padded[TensorIndex.Ellipsis, TensorIndex.Slice(1, 5)] * scale);
        return (labels.contiguous().MoveToOuterDisposeScope(), boxes.MoveToOuterDisposeScope());
    }
}
