namespace YoloGen.Validation;

/// <summary>
/// Decides which predictions of one image are true positives at each IoU threshold, as the reference's
/// <c>match_predictions</c>: at each threshold the same-class (label, prediction) pairs with IoU ≥ t are sorted by
/// IoU (descending), each prediction keeps its best label, then each label keeps the remaining prediction with the
/// lowest index. (Not COCO's greedy matching: a prediction whose best label is taken does not fall back to another.)
/// </summary>
public static class PredictionMatcher
{
    /// <summary>The ten thresholds 0.50, 0.55, …, 0.95 as float32 values (<c>torch.linspace(0.5, 0.95, 10)</c>).</summary>
    public static IReadOnlyList<float> CocoThresholds { get; } = Enumerable.Range(0, 10).Select(i => (float)(0.5 + 0.05 * i)).ToArray();

    /// <param name="predClasses">N predicted classes.</param>
    /// <param name="labelClasses">M label classes.</param>
    /// <param name="iou">M × N IoU of labels with predictions (float32, as the reference).</param>
    /// <param name="thresholds">IoU thresholds (default <see cref="CocoThresholds"/>).</param>
    /// <returns>N × T: true where the prediction is correct at threshold t.</returns>
    public static bool[,] Match(IReadOnlyList<int> predClasses, IReadOnlyList<int> labelClasses, float[,] iou, IReadOnlyList<float>? thresholds = null)
    {
        thresholds ??= CocoThresholds;
        int n = predClasses.Count, m = labelClasses.Count;
        if (iou.GetLength(0) != m || iou.GetLength(1) != n)
            throw new ArgumentException($"IoU matrix is {iou.GetLength(0)}×{iou.GetLength(1)}, expected {m}×{n} (labels × predictions)");
        var correct = new bool[n, thresholds.Count];
        var pairs = new List<(int Label, int Pred, float Iou)>();
        for (int t = 0; t < thresholds.Count; t++)
        {
            pairs.Clear();
            for (int l = 0; l < m; l++)
                for (int p = 0; p < n; p++)
                {
                    float v = labelClasses[l] == predClasses[p] ? iou[l, p] : 0f;
                    if (v >= thresholds[t]) pairs.Add((l, p, v));
                }
            // Best IoU first; equal IoUs keep (label, prediction) order.
            var byIou = pairs.Select((x, k) => (x, k)).OrderByDescending(e => e.x.Iou).ThenBy(e => e.k).Select(e => e.x);
            var bestPerPred = new SortedDictionary<int, int>();               // prediction → its best label
            foreach (var (label, pred, _) in byIou) bestPerPred.TryAdd(pred, label);
            var takenLabels = new HashSet<int>();
            foreach (var (pred, label) in bestPerPred)                         // ascending prediction index
                if (takenLabels.Add(label)) correct[pred, t] = true;
        }
        return correct;
    }
}
