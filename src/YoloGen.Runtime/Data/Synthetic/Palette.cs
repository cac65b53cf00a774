namespace YoloGen.Data;

/// <summary>Random colours: muted ones for backgrounds, saturated ones for objects, kept apart in RGB.</summary>
internal static class Palette
{
    public static (byte R, byte G, byte B) Muted(Rng rng) =>
        FromHsv(rng.Uniform(0, 360), rng.Uniform(0, 0.45), rng.Uniform(0.25, 0.85));

    /// <summary>A vivid colour at least <paramref name="minDistance"/> (RGB Euclidean) from <paramref name="avoid"/> when possible.</summary>
    public static (byte R, byte G, byte B) Vivid(Rng rng, (double R, double G, double B) avoid, double minDistance = 110)
    {
        (byte, byte, byte) best = default;
        var bestDistance = -1.0;
        for (var attempt = 0; attempt < 24; attempt++)
        {
            var c = FromHsv(rng.Uniform(0, 360), rng.Uniform(0.55, 1), rng.Uniform(0.35, 1));
            var d = Math.Sqrt(Sq(c.R - avoid.R) + Sq(c.G - avoid.G) + Sq(c.B - avoid.B));
            if (d >= minDistance)
                return c;
            if (d > bestDistance)
                (best, bestDistance) = (c, d);
        }
        return best;
    }

    private static double Sq(double x) => x * x;

    private static (byte R, byte G, byte B) FromHsv(double h, double s, double v)
    {
        var c = v * s;
        var hp = h / 60;
        var x = c * (1 - Math.Abs(hp % 2 - 1));
        var (r, g, b) = (int)hp switch
        {
            0 => (c, x, 0.0),
            1 => (x, c, 0.0),
            2 => (0.0, c, x),
            3 => (0.0, x, c),
            4 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        var m = v - c;
        return (ToByte(r + m), ToByte(g + m), ToByte(b + m));
    }

    private static byte ToByte(double x) => (byte)Math.Clamp((int)(x * 255 + 0.5), 0, 255);
}
