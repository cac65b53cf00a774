namespace YoloGen.Validation;

/// <summary>Results of one class that has labels: P, R and F1 at the common max-F1 confidence, AP per IoU threshold.</summary>
public sealed record ClassMetrics(
    int Class,
    int Labels,
    int ImagesWithClass,
    int Predictions,
    double Precision,
    double Recall,
    double F1,
    IReadOnlyList<double> ApPerThreshold,
    double TruePositivesAtMaxF1,
    double FalsePositivesAtMaxF1)
{
    /// <summary>AP at IoU 0.50.</summary>
    public double Ap50 => ApPerThreshold[0];

    /// <summary>AP averaged over IoU 0.50:0.05:0.95.</summary>
    public double Ap50To95 => NumpyMath.Mean(ApPerThreshold.ToArray());
}
