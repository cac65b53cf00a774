namespace YoloGen.Data;

/// <summary>
/// The reference's RandomPerspective: M = T·S·R·P·C (centre, perspective, rotation+scale, shear, translation),
/// the image warped bilinearly into an output of (w + 2·border, h + 2·border) with grey 114 outside, boxes
/// mapped by their four corners, clipped, and filtered by <see cref="BoxCandidates"/>.
/// </summary>
public static class RandomAffine
{
    /// <summary>Draws the matrix the way the reference does (same order of random draws) and applies it.</summary>
    public static LabeledImage Apply(LabeledImage input, AugmentOptions o, int border, Rng rng)
    {
        var img = input.Image;
        int outW = img.Width + 2 * border, outH = img.Height + 2 * border;

        var c = Matrix3.Identity;
        c[0, 2] = -img.Width / 2.0;
        c[1, 2] = -img.Height / 2.0;

        var p = Matrix3.Identity;
        p[2, 0] = rng.Uniform(-o.Perspective, o.Perspective);
        p[2, 1] = rng.Uniform(-o.Perspective, o.Perspective);

        var angle = rng.Uniform(-o.Degrees, o.Degrees) * Math.PI / 180;
        var scale = rng.Uniform(1 - o.Scale, 1 + o.Scale);
        var r = Matrix3.Identity;
        // cv2.getRotationMatrix2D(angle, centre 0, scale): [[a, b], [-b, a]] with a = s·cos, b = s·sin.
        r[0, 0] = scale * Math.Cos(angle);
        r[0, 1] = scale * Math.Sin(angle);
        r[1, 0] = -scale * Math.Sin(angle);
        r[1, 1] = scale * Math.Cos(angle);

        var s = Matrix3.Identity;
        s[0, 1] = Math.Tan(rng.Uniform(-o.Shear, o.Shear) * Math.PI / 180);
        s[1, 0] = Math.Tan(rng.Uniform(-o.Shear, o.Shear) * Math.PI / 180);

        var t = Matrix3.Identity;
        t[0, 2] = rng.Uniform(0.5 - o.Translate, 0.5 + o.Translate) * outW;
        t[1, 2] = rng.Uniform(0.5 - o.Translate, 0.5 + o.Translate) * outH;

        var m = t * s * r * p * c;
        return Transform(input, m, scale, outW, outH, perspective: o.Perspective != 0);
    }

    /// <summary>Applies a given matrix (output size <paramref name="outW"/> × <paramref name="outH"/>).</summary>
    public static LabeledImage Transform(LabeledImage input, Matrix3 m, double scale, int outW, int outH, bool perspective)
    {
        var img = input.Image;
        var identity = outW == img.Width && outH == img.Height && m.IsIdentity;
        var warped = identity ? img : Warp.Apply(img, m, outW, outH, perspective);

        var kept = new List<PixelBox>(input.Boxes.Length);
        foreach (var b in input.Boxes)
        {
            var moved = MapBox(b, m, perspective).Clip(outW, outH);
            var before = new PixelBox(b.Cls, (float)(b.X1 * scale), (float)(b.Y1 * scale), (float)(b.X2 * scale), (float)(b.Y2 * scale));
            if (BoxCandidates.Keep(before, moved))
                kept.Add(moved);
        }
        return new LabeledImage(warped, kept.ToArray());
    }

    private static PixelBox MapBox(PixelBox b, Matrix3 m, bool perspective)
    {
        Span<double> xs = [b.X1, b.X2, b.X1, b.X2];
        Span<double> ys = [b.Y1, b.Y2, b.Y2, b.Y1];
        double x1 = double.MaxValue, y1 = double.MaxValue, x2 = double.MinValue, y2 = double.MinValue;
        for (var i = 0; i < 4; i++)
        {
            var (x, y) = m.Map(xs[i], ys[i], perspective);
            x1 = Math.Min(x1, x);
            y1 = Math.Min(y1, y);
            x2 = Math.Max(x2, x);
            y2 = Math.Max(y2, y);
        }
        return new PixelBox(b.Cls, (float)x1, (float)y1, (float)x2, (float)y2);
    }
}
