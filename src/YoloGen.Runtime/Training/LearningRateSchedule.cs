namespace YoloGen.Training;

/// <summary>
/// The reference's per-epoch learning-rate factor: linear from 1 to <c>lrf</c> over the run, or a cosine
/// one-cycle between the same ends. The factor multiplies each group's initial learning rate.
/// </summary>
public static class LearningRateSchedule
{
    public static double Factor(int epoch, int epochs, double lrf, bool cosine)
    {
        if (cosine)
            return ((1 - Math.Cos(epoch * Math.PI / epochs)) / 2) * (lrf - 1) + 1;
        return Math.Max(1 - (double)epoch / epochs, 0) * (1.0 - lrf) + lrf;
    }

    /// <summary>Linear interpolation between two points, clamped at the ends (numpy's <c>interp</c> on two points).</summary>
    public static double Interpolate(double x, double x0, double x1, double y0, double y1)
    {
        if (x <= x0) return y0;
        if (x >= x1) return y1;
        return y0 + (y1 - y0) * (x - x0) / (x1 - x0);
    }
}
