namespace YoloGen.Data;

/// <summary>
/// Inverse-mapped bilinear warp with a constant grey border, with the reference's (OpenCV) pixel convention:
/// output pixel (x, y) takes the source value at M⁻¹·(x, y), pixel centres on integer coordinates.
/// </summary>
public static class Warp
{
    public static RgbImage Apply(RgbImage src, Matrix3 m, int outW, int outH, bool perspective, byte borderValue = Letterbox.PadValue)
    {
        var inv = m.Inverse();
        var output = RgbImage.Rent(outW, outH); // every pixel is written below
        var dst = output.Pixels;
        var s = src.Pixels;
        int sw = src.Width, sh = src.Height;
        double a = inv[0, 0], b = inv[0, 1], c = inv[0, 2], d = inv[1, 0], e = inv[1, 1], f = inv[1, 2];
        double g = inv[2, 0], h = inv[2, 1], k = inv[2, 2];
        for (var y = 0; y < outH; y++)
        {
            var o = y * outW * 3;
            for (var x = 0; x < outW; x++, o += 3)
            {
                double sx = a * x + b * y + c, sy = d * x + e * y + f;
                if (perspective)
                {
                    var w = g * x + h * y + k;
                    w = w != 0 ? 1 / w : 0;
                    sx *= w;
                    sy *= w;
                }
                if (!(sx > -1 && sy > -1 && sx < sw && sy < sh))
                {
                    dst[o] = dst[o + 1] = dst[o + 2] = borderValue;
                    continue;
                }
                var x0 = (int)Math.Floor(sx);
                var y0 = (int)Math.Floor(sy);
                var fx = (float)(sx - x0);
                var fy = (float)(sy - y0);
                if (x0 >= 0 && y0 >= 0 && x0 + 1 < sw && y0 + 1 < sh)
                {
                    var p00 = (y0 * sw + x0) * 3;
                    var p10 = p00 + sw * 3;
                    for (var ch = 0; ch < 3; ch++)
                    {
                        float top = s[p00 + ch] + (s[p00 + 3 + ch] - s[p00 + ch]) * fx;
                        float bottom = s[p10 + ch] + (s[p10 + 3 + ch] - s[p10 + ch]) * fx;
                        dst[o + ch] = (byte)(top + (bottom - top) * fy + 0.5f);
                    }
                }
                else
                {
                    for (var ch = 0; ch < 3; ch++)
                    {
                        float v00 = Tap(s, sw, sh, x0, y0, ch, borderValue), v01 = Tap(s, sw, sh, x0 + 1, y0, ch, borderValue);
                        float v10 = Tap(s, sw, sh, x0, y0 + 1, ch, borderValue), v11 = Tap(s, sw, sh, x0 + 1, y0 + 1, ch, borderValue);
                        float top = v00 + (v01 - v00) * fx, bottom = v10 + (v11 - v10) * fx;
                        dst[o + ch] = (byte)(top + (bottom - top) * fy + 0.5f);
                    }
                }
            }
        }
        return output;
    }

    private static byte Tap(byte[] s, int sw, int sh, int x, int y, int ch, byte border) =>
        x >= 0 && y >= 0 && x < sw && y < sh ? s[(y * sw + x) * 3 + ch] : border;
}
