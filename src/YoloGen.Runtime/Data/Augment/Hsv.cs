namespace YoloGen.Data;

/// <summary>
/// OpenCV's 8-bit RGB ↔ HSV conversion (hue 0..179 = degrees / 2; saturation and value 0..255). The forward
/// direction uses OpenCV's fixed-point division tables, so it matches it exactly; the inverse uses its float
/// formula.
/// </summary>
public static class Hsv
{
    private const int Shift = 12;
    private static readonly int[] SDiv = BuildTable(255);
    private static readonly int[] HDiv = BuildTable(180 / 6.0);

    private static int[] BuildTable(double numerator)
    {
        var t = new int[256];
        for (var i = 1; i < 256; i++)
            t[i] = (int)Math.Round(numerator * (1 << Shift) / i, MidpointRounding.AwayFromZero);
        return t;
    }

    public static (byte H, byte S, byte V) FromRgb(byte r, byte g, byte b)
    {
        int v = Math.Max(r, Math.Max(g, b));
        var diff = v - Math.Min(r, Math.Min(g, b));
        var s = (diff * SDiv[v] + (1 << (Shift - 1))) >> Shift;
        int delta = v == r ? g - b : v == g ? b - r + 2 * diff : r - g + 4 * diff;
        var h = (delta * HDiv[diff] + (1 << (Shift - 1))) >> Shift;
        if (h < 0)
            h += 180;
        return ((byte)h, (byte)s, (byte)v);
    }

    public static (byte R, byte G, byte B) ToRgb(byte h8, byte s8, byte v8)
    {
        var v = v8 / 255f;
        if (s8 == 0)
            return (ToByte(v), ToByte(v), ToByte(v));
        var s = s8 / 255f;
        var h = h8 * (6f / 180f);
        if (h >= 6)
            h -= 6;
        var sector = (int)h;
        var frac = h - sector;
        var p = v * (1 - s);
        var q = v * (1 - s * frac);
        var t = v * (1 - s * (1 - frac));
        var (r, g, b) = sector switch
        {
            0 => (v, t, p),
            1 => (q, v, p),
            2 => (p, v, t),
            3 => (p, q, v),
            4 => (t, p, v),
            _ => (v, p, q),
        };
        return (ToByte(r), ToByte(g), ToByte(b));
    }

    private static byte ToByte(float x)
    {
        var i = (int)MathF.Round(x * 255f, MidpointRounding.ToEven);
        return (byte)(i < 0 ? 0 : i > 255 ? 255 : i);
    }
}
