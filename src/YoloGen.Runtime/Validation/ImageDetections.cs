using static TorchSharp.torch;

namespace YoloGen.Validation;

/// <summary>
/// Detections kept for one image, in descending score: <see cref="Rows"/> (K, 6) = (x1, y1, x2, y2, score, class)
/// in input pixels, and the anchor (column of the network output) each row came from.
/// </summary>
public sealed class ImageDetections : IDisposable
{
    public ImageDetections(Tensor rows, long[] anchors)
    {
        Rows = rows;
        Anchors = anchors;
    }

    public Tensor Rows { get; }

    public IReadOnlyList<long> Anchors { get; }

    public long Count => Rows.shape[0];

    public void Dispose() => Rows.Dispose();
}
