using YoloGen.Data;

namespace YoloGen.Runtime.Tests.Data;

/// <summary>Hand-made images for geometry tests: flat grey with filled, axis-aligned coloured rectangles.</summary>
internal static class TestImages
{
    public static readonly (byte R, byte G, byte B)[] Colours =
    [
        (255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0), (0, 255, 255), (255, 0, 255),
    ];

    /// <summary>A grey image with one filled rectangle per box (integer corners), colour i for box i.</summary>
    public static LabeledImage WithRectangles(int width, int height, params (int X1, int Y1, int X2, int Y2)[] rects) =>
        WithRectangles(width, height, Enumerable.Range(0, rects.Length).ToArray(), rects);

    /// <summary>A grey image with one filled rectangle per box, box i in colour <c>colours[i]</c> and of that class.</summary>
    public static LabeledImage WithRectangles(int width, int height, int[] colours, (int X1, int Y1, int X2, int Y2)[] rects)
    {
        var img = RgbImage.Filled(width, height, 60);
        var boxes = new PixelBox[rects.Length];
        for (var i = 0; i < rects.Length; i++)
        {
            var (x1, y1, x2, y2) = rects[i];
            var c = Colours[colours[i]];
            for (var y = y1; y < y2; y++)
            {
                for (var x = x1; x < x2; x++)
                {
                    var o = (y * width + x) * 3;
                    (img.Pixels[o], img.Pixels[o + 1], img.Pixels[o + 2]) = c;
                }
            }
            boxes[i] = new PixelBox(colours[i], x1, y1, x2, y2);
        }
        return new LabeledImage(img, boxes);
    }

    /// <summary>
    /// Bounding box (continuous pixel edges) of the pixels closer to colour <paramref name="c"/> than to anything
    /// else by a margin (bilinear edges count when at least half-covered), or null when there are none.
    /// </summary>
    public static (int X1, int Y1, int X2, int Y2)? RegionOf(RgbImage img, (byte R, byte G, byte B) c)
    {
        int x1 = int.MaxValue, y1 = int.MaxValue, x2 = int.MinValue, y2 = int.MinValue;
        for (var y = 0; y < img.Height; y++)
        {
            for (var x = 0; x < img.Width; x++)
            {
                var (r, g, b) = img[x, y];
                var d = Math.Abs(r - c.R) + Math.Abs(g - c.G) + Math.Abs(b - c.B);
                if (d > 200)
                    continue;
                x1 = Math.Min(x1, x);
                y1 = Math.Min(y1, y);
                x2 = Math.Max(x2, x + 1);
                y2 = Math.Max(y2, y + 1);
            }
        }
        return x1 == int.MaxValue ? null : (x1, y1, x2, y2);
    }

    /// <summary>
    /// Writes a PNG with the given rectangles and the matching label file into an Ultralytics layout; box i is painted
    /// in colour i, or in the colour of its class with <paramref name="colourByClass"/>.
    /// </summary>
    public static void WriteSample(string root, string split, string name, int width, int height,
        params (int Cls, int X1, int Y1, int X2, int Y2)[] boxes) => WriteSample(root, split, name, width, height, false, boxes);

    public static void WriteSample(string root, string split, string name, int width, int height, bool colourByClass,
        params (int Cls, int X1, int Y1, int X2, int Y2)[] boxes)
    {
        var colours = boxes.Select((b, i) => colourByClass ? b.Cls : i).ToArray();
        var labeled = WithRectangles(width, height, colours, boxes.Select(b => (b.X1, b.Y1, b.X2, b.Y2)).ToArray());
        var imageDir = Path.Combine(root, "images", split);
        var labelDir = Path.Combine(root, "labels", split);
        Directory.CreateDirectory(imageDir);
        Directory.CreateDirectory(labelDir);
        ImageCodec.Encode(labeled.Image, Path.Combine(imageDir, name + ".png"));
        var lines = boxes.Select(b => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{b.Cls} {(b.X1 + b.X2) / 2.0 / width} {(b.Y1 + b.Y2) / 2.0 / height} {(double)(b.X2 - b.X1) / width} {(double)(b.Y2 - b.Y1) / height}"));
        File.WriteAllLines(Path.Combine(labelDir, name + ".txt"), lines);
    }
}
