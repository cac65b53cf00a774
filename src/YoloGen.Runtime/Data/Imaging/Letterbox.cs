namespace YoloGen.Data;

/// <summary>
/// The reference's LetterBox: resize keeping the aspect ratio to fit (height, width), pad with grey 114,
/// centred (the odd pixel goes right/bottom). <c>auto</c> pads only up to the next multiple of the stride.
/// </summary>
public static class Letterbox
{
    public const byte PadValue = 114;

    public static (RgbImage Image, LetterboxGeometry Geometry) Apply(RgbImage img, int height, int width,
        bool auto = false, bool scaleUp = true, bool center = true, int stride = 32)
    {
        double r = Math.Min((double)height / img.Height, (double)width / img.Width);
        if (!scaleUp)
            r = Math.Min(r, 1.0);
        var unpadW = (int)Math.Round(img.Width * r, MidpointRounding.ToEven);
        var unpadH = (int)Math.Round(img.Height * r, MidpointRounding.ToEven);
        double dw = width - unpadW, dh = height - unpadH;
        if (auto)
        {
            dw %= stride;
            dh %= stride;
        }
        if (center)
        {
            dw /= 2;
            dh /= 2;
        }
        var resized = unpadW == img.Width && unpadH == img.Height ? img : Resize.Bilinear(img, unpadW, unpadH);
        var top = center ? (int)Math.Round(dh - 0.1, MidpointRounding.ToEven) : 0;
        var bottom = (int)Math.Round(dh + 0.1, MidpointRounding.ToEven);
        var left = center ? (int)Math.Round(dw - 0.1, MidpointRounding.ToEven) : 0;
        var right = (int)Math.Round(dw + 0.1, MidpointRounding.ToEven);

        var outW = unpadW + left + right;
        var outH = unpadH + top + bottom;
        RgbImage canvas;
        if (outW == unpadW && outH == unpadH)
        {
            canvas = ReferenceEquals(resized, img) ? img.Clone() : resized;
        }
        else
        {
            canvas = RgbImage.Filled(outW, outH, PadValue);
            resized.CopyTo(canvas, 0, 0, unpadW, unpadH, left, top);
            if (!ReferenceEquals(resized, img))
                RgbImage.Recycle(resized);
        }
        var geometry = new LetterboxGeometry(img.Width, img.Height, outW, outH,
            (double)unpadW / img.Width, (double)unpadH / img.Height, left, top);
        return (canvas, geometry);
    }

    /// <summary>Letterboxes an image together with its boxes; <paramref name="geometry"/> maps source ↔ canvas.</summary>
    public static LabeledImage Apply(LabeledImage input, int height, int width, bool scaleUp, out LetterboxGeometry geometry)
    {
        var (img, g) = Apply(input.Image, height, width, scaleUp: scaleUp);
        geometry = g;
        var boxes = new PixelBox[input.Boxes.Length];
        for (var i = 0; i < boxes.Length; i++)
        {
            var b = input.Boxes[i];
            var (x1, y1, x2, y2) = g.ToCanvas(b.X1, b.Y1, b.X2, b.Y2);
            boxes[i] = new PixelBox(b.Cls, (float)x1, (float)y1, (float)x2, (float)y2);
        }
        return new LabeledImage(img, boxes);
    }

    /// <summary>Letterboxes an image with its boxes to a (height, width) canvas, upscaling allowed.</summary>
    public static LabeledImage Apply(LabeledImage input, int height, int width) => Apply(input, height, width, true, out _);
}
