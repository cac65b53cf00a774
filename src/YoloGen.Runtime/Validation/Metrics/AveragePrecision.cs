namespace YoloGen.Validation;

/// <summary>
/// Per-class precision, recall and average precision, as the reference's <c>ap_per_class</c> / <c>compute_ap</c>:
/// AP is the 101-point interpolated area (trapezoid rule) under the monotone precision envelope; P and R are read
/// per class at one common confidence, the maximum of the class-mean F1 curve (on 1000 confidences) smoothed by
/// a 101-point box filter.
/// </summary>
internal static class AveragePrecision
{
    private const double Eps = 1e-16;
    private static readonly double[] Confidences = NumpyMath.Linspace(0, 1, 1000);
    private static readonly double[] RecallGrid = NumpyMath.Linspace(0, 1, 101);

    /// <summary>The per-class result rows (classes that have labels, ascending) and the common max-F1 index.</summary>
    public sealed record Result(
        int[] Classes, int[] LabelCounts, double[] Precision, double[] Recall, double[] F1, double[][] Ap,
        double[] TruePositives, double[] FalsePositives, int MaxF1Index, double MaxF1Confidence, double MaxF1SmoothedMean);

    /// <param name="tp">Per prediction, correctness at each IoU threshold.</param>
    /// <param name="conf">Per prediction, confidence.</param>
    /// <param name="predClasses">Per prediction, class.</param>
    /// <param name="labelClasses">Per label, class.</param>
    public static Result Compute(bool[][] tp, float[] conf, int[] predClasses, int[] labelClasses)
    {
        int thresholds = tp.Length == 0 ? PredictionMatcher.CocoThresholds.Count : tp[0].Length;
        // Descending confidence; ties keep their order (stable).
        var order = Enumerable.Range(0, conf.Length).OrderByDescending(i => conf[i]).ToArray();

        var classes = labelClasses.Distinct().Order().ToArray();
        var labelCounts = classes.Select(c => labelClasses.Count(x => x == c)).ToArray();
        int nc = classes.Length;
        var ap = new double[nc][];
        var pCurve = new double[nc][];
        var rCurve = new double[nc][];
        var negConfidences = Confidences.Select(x => -x).ToArray();
        for (int ci = 0; ci < nc; ci++)
        {
            ap[ci] = new double[thresholds];
            pCurve[ci] = new double[Confidences.Length];
            rCurve[ci] = new double[Confidences.Length];
            var rows = order.Where(i => predClasses[i] == classes[ci]).ToArray();
            if (rows.Length == 0 || labelCounts[ci] == 0) continue;

            var negConf = rows.Select(i => -(double)conf[i]).ToArray();
            for (int t = 0; t < thresholds; t++)
            {
                var recall = new double[rows.Length];
                var precision = new double[rows.Length];
                long tpc = 0, fpc = 0;
                for (int k = 0; k < rows.Length; k++)
                {
                    if (tp[rows[k]][t]) tpc++; else fpc++;
                    recall[k] = tpc / (labelCounts[ci] + Eps);
                    precision[k] = tpc / (double)(tpc + fpc);
                }
                if (t == 0)
                {
                    rCurve[ci] = NumpyMath.Interp(negConfidences, negConf, recall, left: 0);
                    pCurve[ci] = NumpyMath.Interp(negConfidences, negConf, precision, left: 1);
                }
                ap[ci][t] = InterpolatedArea(recall, precision);
            }
        }

        var f1Curve = new double[nc][];
        for (int ci = 0; ci < nc; ci++)
        {
            f1Curve[ci] = new double[Confidences.Length];
            for (int k = 0; k < Confidences.Length; k++)
                f1Curve[ci][k] = 2 * pCurve[ci][k] * rCurve[ci][k] / (pCurve[ci][k] + rCurve[ci][k] + Eps);
        }
        var meanF1 = new double[Confidences.Length];
        for (int k = 0; k < meanF1.Length; k++)
        {
            double s = 0;
            for (int ci = 0; ci < nc; ci++) s += f1Curve[ci][k];  // NumPy reduces axis 0 row by row
            meanF1[k] = s / nc;
        }
        var smoothed = NumpyMath.Smooth(meanF1, 0.1);
        int best = NumpyMath.ArgMax(smoothed);

        var p = pCurve.Select(c => c[best]).ToArray();
        var r = rCurve.Select(c => c[best]).ToArray();
        var f1 = f1Curve.Select(c => c[best]).ToArray();
        var tpAtBest = r.Select((x, ci) => Math.Round(x * labelCounts[ci], MidpointRounding.ToEven)).ToArray();
        var fpAtBest = tpAtBest.Select((x, ci) => Math.Round(x / (p[ci] + Eps) - x, MidpointRounding.ToEven)).ToArray();
        return new Result(classes, labelCounts, p, r, f1, ap, tpAtBest, fpAtBest, best, Confidences[best], smoothed[best]);
    }

    /// <summary>
    /// Area under the precision envelope of one recall/precision curve (<c>compute_ap</c>): sentinels (0, 1) and
    /// (1, 0) added, precision made non-increasing from the right, sampled at 101 recalls, integrated by trapezoids.
    /// </summary>
    public static double InterpolatedArea(IReadOnlyList<double> recall, IReadOnlyList<double> precision)
    {
        int n = recall.Count + 2;
        var mrec = new double[n];
        var mpre = new double[n];
        mrec[0] = 0; mpre[0] = 1;
        for (int i = 0; i < recall.Count; i++) { mrec[i + 1] = recall[i]; mpre[i + 1] = precision[i]; }
        mrec[^1] = 1; mpre[^1] = 0;
        for (int i = n - 2; i >= 0; i--) mpre[i] = Math.Max(mpre[i], mpre[i + 1]);
        return NumpyMath.Trapezoid(NumpyMath.Interp(RecallGrid, mrec, mpre), RecallGrid);
    }
}
