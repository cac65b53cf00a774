namespace YoloGen.Data;

/// <summary>Mirror an image left–right or top–bottom together with its boxes.</summary>
public static class Flip
{
    public static LabeledImage Horizontal(LabeledImage input)
    {
        var img = input.Image;
        int w = img.Width, h = img.Height;
        var src = img.Pixels;
        var flipped = RgbImage.Rent(w, h);
        var dst = flipped.Pixels;
        for (var y = 0; y < h; y++)
        {
            var row = y * w * 3;
            for (var x = 0; x < w; x++)
            {
                int s = row + x * 3, d = row + (w - 1 - x) * 3;
                dst[d] = src[s];
                dst[d + 1] = src[s + 1];
                dst[d + 2] = src[s + 2];
            }
        }
        var boxes = input.Boxes.Select(b => b with { X1 = w - b.X2, X2 = w - b.X1 }).ToArray();
        return new LabeledImage(flipped, boxes);
    }

    public static LabeledImage Vertical(LabeledImage input)
    {
        var img = input.Image;
        int w = img.Width, h = img.Height;
        var flipped = RgbImage.Rent(w, h);
        var dst = flipped.Pixels;
        for (var y = 0; y < h; y++)
            img.Pixels.AsSpan(y * w * 3, w * 3).CopyTo(dst.AsSpan((h - 1 - y) * w * 3, w * 3));
        var boxes = input.Boxes.Select(b => b with { Y1 = h - b.Y2, Y2 = h - b.Y1 }).ToArray();
        return new LabeledImage(flipped, boxes);
    }
}
