namespace YoloGen.Data;

/// <summary>An 8-bit RGB image, rows top to bottom, pixels interleaved (HWC). The unit every transform works on.</summary>
public sealed class RgbImage
{
    public RgbImage(int width, int height, byte[] pixels)
    {
        if (width <= 0 || height <= 0)
            throw new ArgumentOutOfRangeException(nameof(width), $"image size {width}x{height} must be positive");
        if (pixels.Length != width * height * 3)
            throw new ArgumentException($"expected {width * height * 3} bytes for {width}x{height} RGB, got {pixels.Length}", nameof(pixels));
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Width × Height × 3 bytes, R G B per pixel.</summary>
    public byte[] Pixels { get; }

    /// <summary>A new image filled with one grey level (the reference pads with 114).</summary>
    public static RgbImage Filled(int width, int height, byte value)
    {
        var image = Rent(width, height);
        image.Pixels.AsSpan().Fill(value);
        return image;
    }

    public RgbImage Clone()
    {
        var copy = Rent(Width, Height);
        Pixels.AsSpan().CopyTo(copy.Pixels);
        return copy;
    }

    /// <summary>A new image whose pixels the caller overwrites entirely (the buffer may be a reused one).</summary>
    internal static RgbImage Rent(int width, int height)
    {
        if (width <= 0 || height <= 0)
            throw new ArgumentOutOfRangeException(nameof(width), $"image size {width}x{height} must be positive");
        return new RgbImage(width, height, BufferPools.Pixels.Rent(width * height * 3));
    }

    /// <summary>
    /// Hands the pixel buffer of an image the caller owns (made by a transform, never shared or cached) back for
    /// reuse; the image must not be used afterwards.
    /// </summary>
    internal static void Recycle(RgbImage image) => BufferPools.Pixels.Return(image.Pixels);

    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            var i = (y * Width + x) * 3;
            return (Pixels[i], Pixels[i + 1], Pixels[i + 2]);
        }
    }

    /// <summary>Copies the rectangle (<paramref name="sx"/>, <paramref name="sy"/>, <paramref name="w"/>, <paramref name="h"/>) of this image to (<paramref name="dx"/>, <paramref name="dy"/>) of <paramref name="dst"/>.</summary>
    public void CopyTo(RgbImage dst, int sx, int sy, int w, int h, int dx, int dy)
    {
        if (w <= 0 || h <= 0)
            return;
        for (var row = 0; row < h; row++)
        {
            Pixels.AsSpan(((sy + row) * Width + sx) * 3, w * 3)
                .CopyTo(dst.Pixels.AsSpan(((dy + row) * dst.Width + dx) * 3, w * 3));
        }
    }
}
