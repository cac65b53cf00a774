using static TorchSharp.torch;

namespace YoloGen.Data;

/// <summary>
/// A batch in the layout the detection loss takes: images (B, 3, H, W) float32 RGB in 0..1, and M targets as
/// <c>batch_idx</c> (M), <c>cls</c> (M, 1) and <c>bboxes</c> (M, 4) normalized centre x, centre y, width, height,
/// sorted by image. Arrays here; <see cref="ToTensors"/> copies them into tensors. Disposing the batch once
/// its images are copied lets the loader reuse the image buffer (optional, but keeps memory flat).
/// </summary>
public class DetectionBatch : IDisposable
{
    private int _disposed;

    public required int Height { get; init; }

    public required int Width { get; init; }

    /// <summary>B·3·H·W floats, image after image, planes R, G, B.</summary>
    public required float[] Images { get; init; }

    /// <summary>Image index within the batch of each target, as float (the loss's dtype).</summary>
    public required float[] BatchIdx { get; init; }

    /// <summary>Class of each target (shape M × 1).</summary>
    public required float[] Cls { get; init; }

    /// <summary>M × 4 normalized (cx, cy, w, h), relative to the batch's H × W.</summary>
    public required float[] Bboxes { get; init; }

    /// <summary>Dataset index of each image.</summary>
    public required int[] Indices { get; init; }

    /// <summary>Image file of each image.</summary>
    public required string[] Files { get; init; }

    public int BatchSize => Indices.Length;

    public int TargetCount => BatchIdx.Length;

    /// <summary>Returns the image buffer to the loader's pool; <see cref="Images"/> must not be used afterwards.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
            BufferPools.Batches.Return(Images);
        GC.SuppressFinalize(this);
    }

    /// <summary>Copies the batch into new tensors (the caller disposes them).</summary>
    public BatchTensors ToTensors(Device? device = null) => _disposed != 0
        ? throw new ObjectDisposedException(nameof(DetectionBatch))
        : new(
        ImageTensors.FromArray(Images, [BatchSize, 3, Height, Width], device),
        ImageTensors.FromArray(BatchIdx, [TargetCount], device),
        ImageTensors.FromArray(Cls, [TargetCount, 1], device),
        ImageTensors.FromArray(Bboxes, [TargetCount, 4], device));

    /// <summary>
    /// Assembles a batch from processed samples (images all H × W, boxes in their pixels) and recycles the samples'
    /// images once copied: they must be the loader's own, made for this batch and shared with nothing.
    /// </summary>
    internal static (float[] Images, float[] BatchIdx, float[] Cls, float[] Bboxes) Collate(IReadOnlyList<LabeledImage> items, int height, int width)
    {
        var plane = 3 * height * width;
        var images = BufferPools.Batches.Rent(items.Count * plane); // fully overwritten below
        var m = items.Sum(i => i.Boxes.Length);
        var batchIdx = new float[m];
        var cls = new float[m];
        var bboxes = new float[4 * m];
        var t = 0;
        for (var b = 0; b < items.Count; b++)
        {
            var img = items[b].Image;
            if (img.Width != width || img.Height != height)
                throw new InvalidOperationException($"batch image {b} is {img.Width}x{img.Height}, expected {width}x{height}");
            ImageTensors.WriteChwFloat(img, images.AsSpan(b * plane, plane));
            foreach (var box in items[b].Boxes)
            {
                var (cx, cy, w, h) = box.ToNormalizedCxCyWh(width, height);
                batchIdx[t] = b;
                cls[t] = box.Cls;
                bboxes[4 * t] = cx;
                bboxes[4 * t + 1] = cy;
                bboxes[4 * t + 2] = w;
                bboxes[4 * t + 3] = h;
                t++;
            }
        }
        foreach (var item in items)
            RgbImage.Recycle(item.Image);
        return (images, batchIdx, cls, bboxes);
    }
}

/// <summary>The tensors of a <see cref="DetectionBatch"/>: images (B,3,H,W), batch_idx (M), cls (M,1), bboxes (M,4).</summary>
public sealed record BatchTensors(Tensor Images, Tensor BatchIdx, Tensor Cls, Tensor Bboxes) : IDisposable
{
    public void Dispose()
    {
        Images.Dispose();
        BatchIdx.Dispose();
        Cls.Dispose();
        Bboxes.Dispose();
    }
}
