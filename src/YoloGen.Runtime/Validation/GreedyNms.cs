using System.Numerics;

namespace YoloGen.Validation;

/// <summary>
/// Greedy non-maximum suppression on xyxy boxes (torchvision's CPU <c>nms</c> arithmetic, in the boxes' own
/// precision): visit boxes in the given order; keep a box unless a kept box overlaps it with IoU strictly above the
/// threshold. Stops after <c>maxKeep</c> boxes, which cannot change the ones before.
/// </summary>
internal static class GreedyNms
{
    /// <param name="boxes">n × 4 values, x1 y1 x2 y2 per box.</param>
    /// <param name="order">Visiting order (descending score).</param>
    /// <param name="groups">
    /// Optional group of each box when boxes of different groups provably cannot overlap (class-offset boxes whose
    /// extent is below the offset): a kept box then only scans its own group. The result is the same either way.
    /// </param>
    /// <returns>Indices of kept boxes, in visiting order.</returns>
    public static List<int> Run<T>(ReadOnlySpan<T> boxes, ReadOnlySpan<long> order, int[]? groups, double iouThreshold, int maxKeep)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = order.Length;
        var area = new T[n];
        for (int i = 0; i < n; i++)
            area[i] = (boxes[4 * i + 2] - boxes[4 * i]) * (boxes[4 * i + 3] - boxes[4 * i + 1]);

        // Per group, the boxes in visiting order, and each box's position in its group's list.
        var lists = new Dictionary<int, List<int>>();
        var position = new int[n];
        foreach (long o in order)
        {
            int i = (int)o, g = groups?[i] ?? 0;
            if (!lists.TryGetValue(g, out var list)) lists[g] = list = new List<int>();
            position[i] = list.Count;
            list.Add(i);
        }

        var suppressed = new bool[n];
        var keep = new List<int>();
        foreach (long o in order)
        {
            if (keep.Count >= maxKeep) break;
            int i = (int)o;
            if (suppressed[i]) continue;
            keep.Add(i);
            T ix1 = boxes[4 * i], iy1 = boxes[4 * i + 1], ix2 = boxes[4 * i + 2], iy2 = boxes[4 * i + 3], iArea = area[i];
            var later = lists[groups?[i] ?? 0];
            for (int k = position[i] + 1; k < later.Count; k++)
            {
                int j = later[k];
                if (suppressed[j]) continue;
                T w = T.Max(T.Zero, T.Min(ix2, boxes[4 * j + 2]) - T.Max(ix1, boxes[4 * j]));
                T h = T.Max(T.Zero, T.Min(iy2, boxes[4 * j + 3]) - T.Max(iy1, boxes[4 * j + 1]));
                T inter = w * h;
                T iou = inter / (iArea + area[j] - inter);
                if (double.CreateTruncating(iou) > iouThreshold) suppressed[j] = true;
            }
        }
        return keep;
    }
}
