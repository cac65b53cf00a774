namespace YoloGen.Data;

/// <summary>
/// The reference's HSV augmentation: three gains drawn uniformly in 1 ± (h, s, v) applied through lookup
/// tables in OpenCV's 8-bit HSV space (hue 0..179 wraps, saturation and value clip at 255).
/// </summary>
public static class RandomHsv
{
    public static void Apply(RgbImage img, double hgain, double sgain, double vgain, Rng rng)
    {
        if (hgain == 0 && sgain == 0 && vgain == 0)
            return;
        var rh = rng.Uniform(-1, 1) * hgain + 1;
        var rs = rng.Uniform(-1, 1) * sgain + 1;
        var rv = rng.Uniform(-1, 1) * vgain + 1;
        ApplyGains(img, rh, rs, rv);
    }

    /// <summary>Applies fixed gains (exposed for tests).</summary>
    public static void ApplyGains(RgbImage img, double rh, double rs, double rv)
    {
        Span<byte> lutH = stackalloc byte[256], lutS = stackalloc byte[256], lutV = stackalloc byte[256];
        for (var x = 0; x < 256; x++)
        {
            lutH[x] = (byte)(int)(x * rh % 180);
            lutS[x] = (byte)(int)Math.Clamp(x * rs, 0, 255);
            lutV[x] = (byte)(int)Math.Clamp(x * rv, 0, 255);
        }
        var p = img.Pixels;
        for (var i = 0; i < p.Length; i += 3)
        {
            var (h, s, v) = Hsv.FromRgb(p[i], p[i + 1], p[i + 2]);
            var (r, g, b) = Hsv.ToRgb(lutH[h], lutS[s], lutV[v]);
            p[i] = r;
            p[i + 1] = g;
            p[i + 2] = b;
        }
    }
}
