namespace YoloGen.Data;

/// <summary>
/// The reference's 4-image mosaic: a (2s × 2s) grey canvas, a random centre in [s/2, 3s/2), the first image
/// to the top-left of the centre, then top-right, bottom-left, bottom-right, each cropped at the canvas edge.
/// Boxes follow their image, are clipped to the canvas and dropped when their area becomes zero. The result
/// is meant for <see cref="RandomAffine"/> with border −s/2, which crops it back to s × s.
/// </summary>
public static class Mosaic
{
    /// <summary>The border (per side, negative = crop) to pass to the affine step after a mosaic of size s.</summary>
    public static int Border(int imgsz) => FloorDiv(-imgsz, 2);

    /// <param name="tiles">Four images already resized so their long side is <paramref name="imgsz"/>.</param>
    public static LabeledImage Combine(IReadOnlyList<LabeledImage> tiles, int imgsz, Rng rng)
    {
        if (tiles.Count != 4)
            throw new ArgumentException("a mosaic takes exactly 4 images", nameof(tiles));
        var s = imgsz;
        var border = Border(s);
        var yc = (int)rng.Uniform(-border, 2 * s + border);
        var xc = (int)rng.Uniform(-border, 2 * s + border);
        var canvas = RgbImage.Filled(2 * s, 2 * s, Letterbox.PadValue);
        var boxes = new List<PixelBox>();
        for (var i = 0; i < 4; i++)
        {
            var img = tiles[i].Image;
            int w = img.Width, h = img.Height;
            int x1a, y1a, x2a, y2a, x1b, y1b, x2b, y2b;
            switch (i)
            {
                case 0: // top left
                    (x1a, y1a, x2a, y2a) = (Math.Max(xc - w, 0), Math.Max(yc - h, 0), xc, yc);
                    (x1b, y1b, x2b, y2b) = (w - (x2a - x1a), h - (y2a - y1a), w, h);
                    break;
                case 1: // top right
                    (x1a, y1a, x2a, y2a) = (xc, Math.Max(yc - h, 0), Math.Min(xc + w, 2 * s), yc);
                    (x1b, y1b, x2b, y2b) = (0, h - (y2a - y1a), Math.Min(w, x2a - x1a), h);
                    break;
                case 2: // bottom left
                    (x1a, y1a, x2a, y2a) = (Math.Max(xc - w, 0), yc, xc, Math.Min(2 * s, yc + h));
                    (x1b, y1b, x2b, y2b) = (w - (x2a - x1a), 0, w, Math.Min(y2a - y1a, h));
                    break;
                default: // bottom right
                    (x1a, y1a, x2a, y2a) = (xc, yc, Math.Min(xc + w, 2 * s), Math.Min(2 * s, yc + h));
                    (x1b, y1b, x2b, y2b) = (0, 0, Math.Min(w, x2a - x1a), Math.Min(y2a - y1a, h));
                    break;
            }
            img.CopyTo(canvas, x1b, y1b, x2b - x1b, y2b - y1b, x1a, y1a);
            float padw = x1a - x1b, padh = y1a - y1b;
            foreach (var b in tiles[i].Boxes)
            {
                var moved = new PixelBox(b.Cls, b.X1 + padw, b.Y1 + padh, b.X2 + padw, b.Y2 + padh).Clip(2 * s, 2 * s);
                if (moved.Width * moved.Height > 0)
                    boxes.Add(moved);
            }
        }
        return new LabeledImage(canvas, boxes.ToArray());
    }

    private static int FloorDiv(int a, int b) => (int)Math.Floor((double)a / b);
}
