using YoloGen.Boxes;

namespace YoloGen.Validation;

/// <summary>
/// Accumulates what validation needs from every image (the reference's <c>update_metrics</c> bookkeeping): per
/// prediction its correctness at each IoU threshold, confidence and class; per label its class; per image the
/// classes it contains. Images with neither labels nor predictions are skipped, as the reference does.
/// </summary>
public sealed class DetectionStats
{
    private readonly List<bool[]> _tp = new();
    private readonly List<float> _conf = new();
    private readonly List<int> _predClasses = new();
    private readonly List<int> _labelClasses = new();
    private readonly List<int> _imageClasses = new();

    public DetectionStats(int numClasses, IReadOnlyList<float>? iouThresholds = null)
    {
        NumClasses = numClasses;
        IouThresholds = iouThresholds ?? PredictionMatcher.CocoThresholds;
    }

    public int NumClasses { get; }
    public IReadOnlyList<float> IouThresholds { get; }

    /// <summary>Images that contributed (had labels or predictions).</summary>
    public int Images { get; private set; }

    public IReadOnlyList<bool[]> TruePositives => _tp;
    public IReadOnlyList<float> Confidences => _conf;
    public IReadOnlyList<int> PredictedClasses => _predClasses;
    public IReadOnlyList<int> LabelClasses => _labelClasses;

    /// <summary>Adds one image. Boxes are xyxy in the same pixel space, 4 values per box.</summary>
    /// <param name="predBoxes">K predicted boxes (descending confidence, as NMS returns them).</param>
    /// <param name="predConf">K confidences.</param>
    /// <param name="predClasses">K classes.</param>
    /// <param name="labelBoxes">L label boxes.</param>
    /// <param name="labelClasses">L label classes.</param>
    public void Add(ReadOnlySpan<float> predBoxes, IReadOnlyList<float> predConf, IReadOnlyList<int> predClasses,
        ReadOnlySpan<float> labelBoxes, IReadOnlyList<int> labelClasses)
    {
        int k = predConf.Count, l = labelClasses.Count;
        if (predBoxes.Length != 4 * k || predClasses.Count != k)
            throw new ArgumentException($"{predBoxes.Length / 4.0} prediction boxes, {k} confidences and {predClasses.Count} classes");
        if (labelBoxes.Length != 4 * l)
            throw new ArgumentException($"{labelBoxes.Length / 4.0} label boxes and {l} label classes");
        foreach (int c in predClasses.Concat(labelClasses))
            if (c < 0 || c >= NumClasses) throw new ArgumentException($"class {c} is outside [0, {NumClasses})");
        if (k == 0 && l == 0) return;

        Images++;
        _labelClasses.AddRange(labelClasses);
        _imageClasses.AddRange(labelClasses.Distinct());
        if (k == 0) return;

        bool[,]? correct = l == 0 ? null
            : PredictionMatcher.Match(predClasses, labelClasses, PairwiseIou.Compute(labelBoxes, predBoxes), IouThresholds);
        for (int i = 0; i < k; i++)
        {
            var row = new bool[IouThresholds.Count];
            if (correct is not null) for (int t = 0; t < row.Length; t++) row[t] = correct[i, t];
            _tp.Add(row);
        }
        _conf.AddRange(predConf);
        _predClasses.AddRange(predClasses);
    }

    /// <summary>Labels per class.</summary>
    public int[] LabelsPerClass() => Count(_labelClasses);

    /// <summary>Images containing each class.</summary>
    public int[] ImagesPerClass() => Count(_imageClasses);

    /// <summary>Precision, recall, AP and fitness over everything added so far.</summary>
    public DetectionMetrics Compute() => DetectionMetrics.From(this);

    private int[] Count(List<int> classes)
    {
        var counts = new int[NumClasses];
        foreach (int c in classes) counts[c]++;
        return counts;
    }
}
