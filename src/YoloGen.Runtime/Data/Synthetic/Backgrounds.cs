namespace YoloGen.Data;

/// <summary>Textured backgrounds for synthetic images: gradients, stripes, blotchy value noise and checkerboards.</summary>
internal static class Backgrounds
{
    public static RgbImage Paint(int width, int height, Rng rng)
    {
        var a = Palette.Muted(rng);
        var b = Palette.Muted(rng);
        var kind = rng.NextInt(4);
        var img = new RgbImage(width, height, new byte[width * height * 3]);
        Func<int, int, double> mix = kind switch
        {
            0 => Gradient(width, height, rng),
            1 => Stripes(rng),
            2 => ValueNoise(width, height, rng),
            _ => Checker(rng),
        };
        var p = img.Pixels;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var t = Math.Clamp(mix(x, y), 0, 1);
                var o = (y * width + x) * 3;
                p[o] = (byte)(a.R + (b.R - a.R) * t + 0.5);
                p[o + 1] = (byte)(a.G + (b.G - a.G) * t + 0.5);
                p[o + 2] = (byte)(a.B + (b.B - a.B) * t + 0.5);
            }
        }
        return img;
    }

    private static Func<int, int, double> Gradient(int w, int h, Rng rng)
    {
        var angle = rng.Uniform(0, 2 * Math.PI);
        double dx = Math.Cos(angle), dy = Math.Sin(angle);
        var span = Math.Abs(dx) * w + Math.Abs(dy) * h;
        var offset = Math.Min(0, dx * w) + Math.Min(0, dy * h);
        return (x, y) => (x * dx + y * dy - offset) / span;
    }

    private static Func<int, int, double> Stripes(Rng rng)
    {
        var angle = rng.Uniform(0, Math.PI);
        var period = rng.Uniform(10, 48);
        var soft = rng.NextDouble() < 0.5;
        double dx = Math.Cos(angle), dy = Math.Sin(angle);
        return (x, y) =>
        {
            var phase = (x * dx + y * dy) / period;
            var s = Math.Sin(2 * Math.PI * phase);
            return soft ? 0.5 + 0.5 * s : s > 0 ? 1 : 0;
        };
    }

    /// <summary>Bilinearly interpolated random grid: soft blotches of a few tens of pixels.</summary>
    private static Func<int, int, double> ValueNoise(int w, int h, Rng rng)
    {
        var cell = rng.Uniform(16, 64);
        int gw = (int)(w / cell) + 2, gh = (int)(h / cell) + 2;
        var grid = new double[gw * gh];
        for (var i = 0; i < grid.Length; i++)
            grid[i] = rng.NextDouble();
        return (x, y) =>
        {
            double gx = x / cell, gy = y / cell;
            int ix = (int)gx, iy = (int)gy;
            double fx = gx - ix, fy = gy - iy;
            var top = grid[iy * gw + ix] * (1 - fx) + grid[iy * gw + ix + 1] * fx;
            var bottom = grid[(iy + 1) * gw + ix] * (1 - fx) + grid[(iy + 1) * gw + ix + 1] * fx;
            return top * (1 - fy) + bottom * fy;
        };
    }

    private static Func<int, int, double> Checker(Rng rng)
    {
        var cell = rng.Uniform(12, 48);
        var angle = rng.Uniform(0, Math.PI / 2);
        double c = Math.Cos(angle), s = Math.Sin(angle);
        return (x, y) =>
        {
            var u = (int)Math.Floor((x * c + y * s) / cell);
            var v = (int)Math.Floor((-x * s + y * c) / cell);
            return ((u + v) & 1) == 0 ? 0.2 : 0.8;
        };
    }
}
