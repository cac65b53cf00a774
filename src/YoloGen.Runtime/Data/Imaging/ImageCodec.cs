using System.Runtime.InteropServices;
using SkiaSharp;

namespace YoloGen.Data;

/// <summary>
/// JPEG/PNG (and BMP/WebP) decoding and encoding through SkiaSharp. Decoded images are RGB with the EXIF
/// orientation applied (as the reference's image reader does); alpha is dropped.
/// </summary>
public static class ImageCodec
{
    /// <summary>Size after EXIF orientation, read from the header only; null with a reason when unreadable.</summary>
    public static (int Width, int Height)? Probe(string path, out string? problem)
    {
        problem = null;
        using var codec = SKCodec.Create(path, out var result);
        if (codec is null)
        {
            problem = result == SKCodecResult.IncompleteInput
                ? "truncated image (the file ends inside its header)"
                : $"not a readable image ({result})";
            return null;
        }
        var (w, h) = (codec.Info.Width, codec.Info.Height);
        if (SwapsAxes(codec.EncodedOrigin))
            (w, h) = (h, w);
        if (w < 10 || h < 10)
        {
            problem = $"image size {w}x{h} is below 10 pixels";
            return null;
        }
        if (!EndsCleanly(path, codec.EncodedFormat) && !DecodesFully(codec))
        {
            problem = codec.EncodedFormat == SKEncodedImageFormat.Jpeg
                ? "truncated JPEG (no end-of-image marker)"
                : "truncated PNG (no IEND chunk)";
            return null;
        }
        return (w, h);
    }

    /// <summary>Decodes an image file to RGB; a <see cref="DatasetException"/> naming the file when it cannot.</summary>
    public static RgbImage Decode(string path)
    {
        using var codec = SKCodec.Create(path, out var created)
            ?? throw new DatasetException(path, null, null, $"cannot decode image ({created})");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var rgba = BufferPools.Pixels.Rent(info.BytesSize);
        try
        {
            SKCodecResult result;
            var handle = GCHandle.Alloc(rgba, GCHandleType.Pinned);
            try
            {
                result = codec.GetPixels(info, handle.AddrOfPinnedObject());
            }
            finally
            {
                handle.Free();
            }
            if (result != SKCodecResult.Success)
                throw new DatasetException(path, null, null, $"cannot decode image ({result})");
            return Orient(DropAlpha(rgba, info.Width, info.Height), codec.EncodedOrigin);
        }
        finally
        {
            BufferPools.Pixels.Return(rgba);
        }
    }

    /// <summary>Writes an RGB image as JPEG (quality 1..100) or PNG, chosen by the file extension.</summary>
    public static void Encode(RgbImage image, string path, int jpegQuality = 90)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        using var data = Encode(image, ext is ".png" ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg, jpegQuality);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    public static SKData Encode(RgbImage image, SKEncodedImageFormat format, int jpegQuality = 90)
    {
        var rgba = new byte[image.Width * image.Height * 4];
        var src = image.Pixels;
        for (int i = 0, j = 0; i < src.Length; i += 3, j += 4)
        {
            rgba[j] = src[i];
            rgba[j + 1] = src[i + 1];
            rgba[j + 2] = src[i + 2];
            rgba[j + 3] = 255;
        }
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var handle = GCHandle.Alloc(rgba, GCHandleType.Pinned);
        try
        {
            using var pixmap = new SKPixmap(info, handle.AddrOfPinnedObject(), info.RowBytes);
            var data = format switch
            {
                SKEncodedImageFormat.Png => pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 6)),
                SKEncodedImageFormat.Jpeg => pixmap.Encode(new SKJpegEncoderOptions(jpegQuality)),
                _ => throw new ArgumentException($"unsupported output format {format}", nameof(format)),
            };
            return data ?? throw new InvalidOperationException($"SkiaSharp failed to encode a {image.Width}x{image.Height} {format}");
        }
        finally
        {
            handle.Free();
        }
    }

    private static RgbImage DropAlpha(byte[] rgba, int w, int h)
    {
        var image = RgbImage.Rent(w, h);
        var rgb = image.Pixels;
        for (int i = 0, j = 0; j < rgb.Length; i += 4, j += 3)
        {
            rgb[j] = rgba[i];
            rgb[j + 1] = rgba[i + 1];
            rgb[j + 2] = rgba[i + 2];
        }
        return image;
    }

    private static bool SwapsAxes(SKEncodedOrigin origin) => origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop
        or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>Turns the stored pixels into the upright image the EXIF orientation describes (consumes <paramref name="img"/>).</summary>
    internal static RgbImage Orient(RgbImage img, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or 0)
            return img;
        int w = img.Width, h = img.Height;
        var swap = SwapsAxes(origin);
        int ow = swap ? h : w, oh = swap ? w : h;
        var oriented = RgbImage.Rent(ow, oh); // every pixel is written below
        var dst = oriented.Pixels;
        var src = img.Pixels;
        for (var oy = 0; oy < oh; oy++)
        {
            for (var ox = 0; ox < ow; ox++)
            {
                var (sx, sy) = origin switch
                {
                    SKEncodedOrigin.TopRight => (w - 1 - ox, oy),
                    SKEncodedOrigin.BottomRight => (w - 1 - ox, h - 1 - oy),
                    SKEncodedOrigin.BottomLeft => (ox, h - 1 - oy),
                    SKEncodedOrigin.LeftTop => (oy, ox),
                    SKEncodedOrigin.RightTop => (oy, h - 1 - ox),
                    SKEncodedOrigin.RightBottom => (w - 1 - oy, h - 1 - ox),
                    SKEncodedOrigin.LeftBottom => (w - 1 - oy, ox),
                    _ => (ox, oy),
                };
                var s = (sy * w + sx) * 3;
                var d = (oy * ow + ox) * 3;
                dst[d] = src[s];
                dst[d + 1] = src[s + 1];
                dst[d + 2] = src[s + 2];
            }
        }
        RgbImage.Recycle(img);
        return oriented;
    }

    /// <summary>Cheap truncation test: a JPEG ends with FF D9, a PNG with its IEND chunk.</summary>
    private static bool EndsCleanly(string path, SKEncodedImageFormat format)
    {
        if (format is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png))
            return true;
        using var f = File.OpenRead(path);
        Span<byte> tail = stackalloc byte[12];
        if (f.Length < tail.Length)
            return false;
        f.Seek(-tail.Length, SeekOrigin.End);
        f.ReadExactly(tail);
        if (format == SKEncodedImageFormat.Jpeg)
            return tail[^2] == 0xFF && tail[^1] == 0xD9;
        return tail.Slice(4, 4).SequenceEqual("IEND"u8);
    }

    /// <summary>Files with trailing bytes after the end marker are fine as long as they decode completely.</summary>
    private static bool DecodesFully(SKCodec codec)
    {
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var buffer = new byte[info.BytesSize];
        return codec.GetPixels(info, buffer) == SKCodecResult.Success;
    }
}
