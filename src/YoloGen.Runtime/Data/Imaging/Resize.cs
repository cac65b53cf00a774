namespace YoloGen.Data;

/// <summary>
/// Bilinear resize with the reference's (OpenCV INTER_LINEAR) sampling: destination pixel centres map to
/// <c>(d + 0.5) · scale − 0.5</c> in the source, edges clamp. Pure C#, so results are identical on every machine.
/// </summary>
public static class Resize
{
    public static RgbImage Bilinear(RgbImage src, int width, int height)
    {
        if (width == src.Width && height == src.Height)
            return src.Clone();
        var (x0, x1, fx) = Taps(src.Width, width);
        var (y0, y1, fy) = Taps(src.Height, height);
        var resized = RgbImage.Rent(width, height); // every pixel is written below
        var dst = resized.Pixels;
        var s = src.Pixels;
        var stride = src.Width * 3;
        // Horizontally interpolated source rows, reused while consecutive output rows read the same ones.
        var rowA = new float[width * 3];
        var rowB = new float[width * 3];
        int rowAIndex = -1, rowBIndex = -1;
        for (var y = 0; y < height; y++)
        {
            if (y0[y] != rowAIndex)
            {
                if (y0[y] == rowBIndex)
                {
                    (rowA, rowB) = (rowB, rowA);
                    (rowAIndex, rowBIndex) = (rowBIndex, rowAIndex);
                }
                else
                {
                    HorizontalPass(s, y0[y] * stride, x0, x1, fx, rowA);
                    rowAIndex = y0[y];
                }
            }
            if (y1[y] != rowBIndex)
            {
                HorizontalPass(s, y1[y] * stride, x0, x1, fx, rowB);
                rowBIndex = y1[y];
            }
            var wy = fy[y];
            var o = dst.AsSpan(y * width * 3, width * 3);
            for (var i = 0; i < o.Length; i++)
            {
                var a = rowA[i];
                o[i] = (byte)(a + (rowB[i] - a) * wy + 0.5f);
            }
        }
        return resized;
    }

    private static void HorizontalPass(byte[] s, int rowOffset, int[] x0, int[] x1, float[] fx, float[] row)
    {
        for (var x = 0; x < x0.Length; x++)
        {
            int a = rowOffset + x0[x] * 3, b = rowOffset + x1[x] * 3;
            var w = fx[x];
            var r = x * 3;
            row[r] = s[a] + (s[b] - s[a]) * w;
            row[r + 1] = s[a + 1] + (s[b + 1] - s[a + 1]) * w;
            row[r + 2] = s[a + 2] + (s[b + 2] - s[a + 2]) * w;
        }
    }

    private static (int[] Lo, int[] Hi, float[] Frac) Taps(int srcSize, int dstSize)
    {
        var scale = (double)srcSize / dstSize;
        var lo = new int[dstSize];
        var hi = new int[dstSize];
        var frac = new float[dstSize];
        for (var d = 0; d < dstSize; d++)
        {
            var p = (d + 0.5) * scale - 0.5;
            var i = (int)Math.Floor(p);
            var f = p - i;
            if (i < 0)
            {
                i = 0;
                f = 0;
            }
            if (i >= srcSize - 1)
            {
                i = srcSize - 1;
                f = 0;
            }
            lo[d] = i;
            hi[d] = Math.Min(i + 1, srcSize - 1);
            frac[d] = (float)f;
        }
        return (lo, hi, frac);
    }
}
