using YoloGen.Data;
using YoloGen.IO;
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

    /// <summary>
    /// The rows as arrays, boxes mapped from the letterboxed canvas back to the source image's pixels (clipped):
    /// xyxy boxes (4 per row), scores and classes, in row order.
    /// </summary>
    public (float[] Boxes, float[] Scores, int[] Classes) InSourcePixels(LetterboxGeometry geometry)
    {
        var rows = TensorData.ToArray<float>(Rows.cpu().to(ScalarType.Float32));
        int k = rows.Length / 6;
        var boxes = new float[4 * k];
        var scores = new float[k];
        var classes = new int[k];
        for (int j = 0; j < k; j++)
        {
            var (x1, y1, x2, y2) = geometry.ToSource(rows[6 * j], rows[6 * j + 1], rows[6 * j + 2], rows[6 * j + 3]);
            boxes[4 * j] = (float)x1;
            boxes[4 * j + 1] = (float)y1;
            boxes[4 * j + 2] = (float)x2;
            boxes[4 * j + 3] = (float)y2;
            scores[j] = rows[6 * j + 4];
            classes[j] = (int)rows[6 * j + 5];
        }
        return (boxes, scores, classes);
    }

    public void Dispose() => Rows.Dispose();
}
