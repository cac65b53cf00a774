namespace YoloGen.Data;

/// <summary>
/// The reference's box filter after a geometric transform: keep a box when both sides exceed 2 pixels, at
/// least 10 % of its (scaled) area survives, and its aspect ratio stays below 100.
/// </summary>
public static class BoxCandidates
{
    public static bool Keep(PixelBox before, PixelBox after, double whThr = 2, double arThr = 100, double areaThr = 0.1,
        double eps = 1e-16)
    {
        double w1 = before.Width, h1 = before.Height, w2 = after.Width, h2 = after.Height;
        var ar = Math.Max(w2 / (h2 + eps), h2 / (w2 + eps));
        return w2 > whThr && h2 > whThr && w2 * h2 / (w1 * h1 + eps) > areaThr && ar < arThr;
    }
}
