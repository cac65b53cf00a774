using SkiaSharp;
using YoloGen.Data;

namespace YoloGen.Prediction;

/// <summary>Draws detections (box, class name and confidence) onto an image, one colour per class.</summary>
public static class DetectionDrawing
{
    private static readonly SKColor[] Palette =
    [
        new(0xFF, 0x38, 0x38), new(0xFF, 0x9D, 0x97), new(0xFF, 0x70, 0x1F), new(0xFF, 0xB2, 0x1D), new(0xCF, 0xD2, 0x31),
        new(0x48, 0xF9, 0x0A), new(0x92, 0xCC, 0x17), new(0x3D, 0xDB, 0x86), new(0x1A, 0x93, 0x34), new(0x00, 0xD4, 0xBB),
        new(0x2C, 0x99, 0xA8), new(0x00, 0xC2, 0xFF), new(0x34, 0x45, 0x93), new(0x64, 0x73, 0xFF), new(0x00, 0x18, 0xEC),
        new(0x84, 0x38, 0xFF), new(0x52, 0x00, 0x85), new(0xCB, 0x38, 0xFF), new(0xFF, 0x95, 0xC8), new(0xFF, 0x37, 0xC7),
    ];

    public static SKColor ColorOf(int cls) => Palette[((cls % Palette.Length) + Palette.Length) % Palette.Length];

    /// <summary>Writes <paramref name="image"/> with the detections drawn to <paramref name="path"/> (format from the extension).</summary>
    public static void Save(RgbImage image, IReadOnlyList<Detection> detections, string path)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = new byte[image.Width * image.Height * 4];
        for (int i = 0, j = 0; i < image.Pixels.Length; i += 3, j += 4)
        {
            pixels[j] = image.Pixels[i];
            pixels[j + 1] = image.Pixels[i + 1];
            pixels[j + 2] = image.Pixels[i + 2];
            pixels[j + 3] = 255;
        }
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using (var canvas = new SKCanvas(bitmap))
        {
            float line = Math.Max(2f, (image.Width + image.Height) / 600f);
            using var font = new SKFont(SKTypeface.Default, Math.Max(11f, line * 5));
            foreach (var d in detections)
            {
                var color = ColorOf(d.Class);
                using var stroke = new SKPaint { Color = color, Style = SKPaintStyle.Stroke, StrokeWidth = line, IsAntialias = true };
                canvas.DrawRect(SKRect.Create(d.X1, d.Y1, d.X2 - d.X1, d.Y2 - d.Y1), stroke);
                string label = $"{d.Name} {d.Confidence:0.00}";
                float width = font.MeasureText(label);
                float height = font.Size * 1.2f;
                float top = d.Y1 - height >= 0 ? d.Y1 - height : d.Y1;
                using var fill = new SKPaint { Color = color, Style = SKPaintStyle.Fill };
                canvas.DrawRect(SKRect.Create(d.X1, top, width + 4, height), fill);
                using var text = new SKPaint { Color = SKColors.White, IsAntialias = true };
                canvas.DrawText(label, d.X1 + 2, top + font.Size, SKTextAlign.Left, font, text);
            }
        }
        var format = Path.GetExtension(path).ToLowerInvariant() is ".png" ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg;
        using var encoded = bitmap.Encode(format, 90);
        string tmp = path + ".tmp";
        using (var f = File.Create(tmp)) encoded.SaveTo(f);
        File.Move(tmp, path, overwrite: true);
    }
}
