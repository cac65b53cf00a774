namespace YoloGen.Validation;

/// <summary>
/// Detection metrics as the reference reports them (<c>DetMetrics</c>): means over the classes that have labels of
/// precision, recall, AP50, AP75 and AP50-95; fitness = 0.1·mAP50 + 0.9·mAP50-95; <see cref="Maps"/> gives every
/// class index its AP50-95, or the overall mAP for classes without labels. When no prediction is correct at any
/// threshold everything is zero (the reference skips the computation).
/// </summary>
public sealed class DetectionMetrics
{
    private DetectionMetrics(int numClasses, IReadOnlyList<ClassMetrics> perClass, int maxF1Index, double maxF1Confidence, double maxF1SmoothedMean)
    {
        PerClass = perClass;
        MaxF1Index = maxF1Index;
        MaxF1Confidence = maxF1Confidence;
        MaxF1SmoothedMean = maxF1SmoothedMean;
        if (perClass.Count > 0)
        {
            MeanPrecision = NumpyMath.Mean(perClass.Select(c => c.Precision).ToArray());
            MeanRecall = NumpyMath.Mean(perClass.Select(c => c.Recall).ToArray());
            Map50 = NumpyMath.Mean(perClass.Select(c => c.ApPerThreshold[0]).ToArray());
            Map75 = NumpyMath.Mean(perClass.Select(c => c.ApPerThreshold[5]).ToArray());
            Map = NumpyMath.Mean(perClass.SelectMany(c => c.ApPerThreshold).ToArray());
        }
        Fitness = NumpyMath.Sum([MeanPrecision * 0.0, MeanRecall * 0.0, Map50 * 0.1, Map * 0.9]);
        var maps = Enumerable.Repeat(Map, numClasses).ToArray();
        foreach (var c in perClass) maps[c.Class] = c.Ap50To95;
        Maps = maps;
    }

    /// <summary>Classes that have labels, ascending.</summary>
    public IReadOnlyList<ClassMetrics> PerClass { get; }

    public double MeanPrecision { get; }
    public double MeanRecall { get; }
    public double Map50 { get; }
    public double Map75 { get; }
    public double Map { get; }
    public double Fitness { get; }

    /// <summary>AP50-95 per class index (length nc).</summary>
    public IReadOnlyList<double> Maps { get; }

    /// <summary>Index on linspace(0, 1, 1000) of the confidence where P and R are read, that confidence and the smoothed mean F1 there.</summary>
    public int MaxF1Index { get; }
    public double MaxF1Confidence { get; }
    public double MaxF1SmoothedMean { get; }

    /// <summary>The reference's <c>results_dict</c> keys and values.</summary>
    public IReadOnlyDictionary<string, double> ResultsDictionary => new Dictionary<string, double>
    {
        ["metrics/precision(B)"] = MeanPrecision,
        ["metrics/recall(B)"] = MeanRecall,
        ["metrics/mAP50(B)"] = Map50,
        ["metrics/mAP50-95(B)"] = Map,
        ["fitness"] = Fitness,
    };

    internal static DetectionMetrics From(DetectionStats stats)
    {
        if (!stats.TruePositives.Any(row => row.Any(x => x)))
            return new DetectionMetrics(stats.NumClasses, [], 0, 0, 0);
        var r = AveragePrecision.Compute(stats.TruePositives.ToArray(), stats.Confidences.ToArray(),
            stats.PredictedClasses.ToArray(), stats.LabelClasses.ToArray());
        var images = stats.ImagesPerClass();
        var perClass = r.Classes.Select((c, i) => new ClassMetrics(
            c, r.LabelCounts[i], images[c], stats.PredictedClasses.Count(p => p == c),
            r.Precision[i], r.Recall[i], r.F1[i], r.Ap[i], r.TruePositives[i], r.FalsePositives[i])).ToArray();
        return new DetectionMetrics(stats.NumClasses, perClass, r.MaxF1Index, r.MaxF1Confidence, r.MaxF1SmoothedMean);
    }
}
