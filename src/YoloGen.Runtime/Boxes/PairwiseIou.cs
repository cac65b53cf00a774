namespace YoloGen.Boxes;

/// <summary>
/// IoU of every pair of xyxy boxes in float32, as the reference's <c>box_iou</c> (inter / (area1 + area2 − inter + 1e-7)),
/// the arithmetic its validator uses to decide true positives.
/// </summary>
public static class PairwiseIou
{
    /// <param name="a">M boxes, 4 values each.</param>
    /// <param name="b">N boxes, 4 values each.</param>
    /// <returns>M × N IoU matrix.</returns>
    public static float[,] Compute(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int m = a.Length / 4, n = b.Length / 4;
        var iou = new float[m, n];
        const float eps = 1e-7f;
        for (int i = 0; i < m; i++)
        {
            float ax1 = a[4 * i], ay1 = a[4 * i + 1], ax2 = a[4 * i + 2], ay2 = a[4 * i + 3];
            float areaA = (ax2 - ax1) * (ay2 - ay1);
            for (int j = 0; j < n; j++)
            {
                float bx1 = b[4 * j], by1 = b[4 * j + 1], bx2 = b[4 * j + 2], by2 = b[4 * j + 3];
                float w = Math.Max(Math.Min(ax2, bx2) - Math.Max(ax1, bx1), 0f);
                float h = Math.Max(Math.Min(ay2, by2) - Math.Max(ay1, by1), 0f);
                float inter = w * h;
                float areaB = (bx2 - bx1) * (by2 - by1);
                iou[i, j] = inter / (areaA + areaB - inter + eps);
            }
        }
        return iou;
    }
}
