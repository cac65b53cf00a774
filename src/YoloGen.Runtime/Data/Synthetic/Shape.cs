namespace YoloGen.Data;

/// <summary>
/// One drawable object: a circle/ring (centre and radii) or a polygon (vertices in image pixels, even–odd
/// filled). Its label is the tight box of the continuous shape.
/// </summary>
internal sealed class Shape
{
    private readonly double[]? _xs;
    private readonly double[]? _ys;

    private Shape(ShapeKind kind, double cx, double cy, double outer, double inner, double[]? xs, double[]? ys)
    {
        Kind = kind;
        Cx = cx;
        Cy = cy;
        Outer = outer;
        Inner = inner;
        _xs = xs;
        _ys = ys;
        if (xs is null)
        {
            (X1, Y1, X2, Y2) = (cx - outer, cy - outer, cx + outer, cy + outer);
        }
        else
        {
            (X1, X2) = (xs.Min(), xs.Max());
            (Y1, Y2) = (ys!.Min(), ys!.Max());
        }
    }

    public ShapeKind Kind { get; }

    public double Cx { get; }

    public double Cy { get; }

    public double Outer { get; }

    public double Inner { get; }

    public double X1 { get; }

    public double Y1 { get; }

    public double X2 { get; }

    public double Y2 { get; }

    /// <summary>A shape of extent about 2·<paramref name="radius"/> centred at (cx, cy), rotated by <paramref name="angle"/> radians.</summary>
    public static Shape Create(ShapeKind kind, double cx, double cy, double radius, double angle)
    {
        switch (kind)
        {
            case ShapeKind.Circle:
                return new Shape(kind, cx, cy, radius, 0, null, null);
            case ShapeKind.Ring:
                return new Shape(kind, cx, cy, radius, radius * 0.55, null, null);
            case ShapeKind.Square:
                {
                    var a = radius * 0.8;
                    return Polygon(kind, cx, cy, angle, [(-a, -a), (a, -a), (a, a), (-a, a)]);
                }
            case ShapeKind.Triangle:
                {
                    var pts = new (double, double)[3];
                    for (var k = 0; k < 3; k++)
                    {
                        var t = -Math.PI / 2 + k * 2 * Math.PI / 3;
                        pts[k] = (radius * Math.Cos(t), radius * Math.Sin(t));
                    }
                    return Polygon(kind, cx, cy, angle, pts);
                }
            case ShapeKind.Cross:
                {
                    double a = radius * 0.95, t = a * 0.32;
                    return Polygon(kind, cx, cy, angle,
                    [
                        (-t, -a), (t, -a), (t, -t), (a, -t), (a, t), (t, t),
                        (t, a), (-t, a), (-t, t), (-a, t), (-a, -t), (-t, -t),
                    ]);
                }
            case ShapeKind.Star:
                {
                    var pts = new (double, double)[10];
                    for (var k = 0; k < 10; k++)
                    {
                        var r = k % 2 == 0 ? radius : radius * 0.45;
                        var t = -Math.PI / 2 + k * Math.PI / 5;
                        pts[k] = (r * Math.Cos(t), r * Math.Sin(t));
                    }
                    return Polygon(kind, cx, cy, angle, pts);
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown shape");
        }
    }

    private static Shape Polygon(ShapeKind kind, double cx, double cy, double angle, (double X, double Y)[] local)
    {
        double c = Math.Cos(angle), s = Math.Sin(angle);
        var xs = new double[local.Length];
        var ys = new double[local.Length];
        for (var i = 0; i < local.Length; i++)
        {
            xs[i] = cx + local[i].X * c - local[i].Y * s;
            ys[i] = cy + local[i].X * s + local[i].Y * c;
        }
        return new Shape(kind, cx, cy, 0, 0, xs, ys);
    }

    public bool Contains(double x, double y)
    {
        if (_xs is null)
        {
            var d2 = (x - Cx) * (x - Cx) + (y - Cy) * (y - Cy);
            return d2 <= Outer * Outer && d2 >= Inner * Inner;
        }
        var inside = false;
        var ys = _ys!;
        for (int i = 0, j = _xs.Length - 1; i < _xs.Length; j = i++)
        {
            if ((ys[i] > y) != (ys[j] > y) && x < (_xs[j] - _xs[i]) * (y - ys[i]) / (ys[j] - ys[i]) + _xs[i])
                inside = !inside;
        }
        return inside;
    }

    /// <summary>Blends the shape into <paramref name="img"/> with 4×4 supersampled coverage.</summary>
    public void Draw(RgbImage img, (byte R, byte G, byte B) colour)
    {
        const int ss = 4;
        int px1 = Math.Max((int)Math.Floor(X1), 0), py1 = Math.Max((int)Math.Floor(Y1), 0);
        int px2 = Math.Min((int)Math.Ceiling(X2), img.Width), py2 = Math.Min((int)Math.Ceiling(Y2), img.Height);
        var p = img.Pixels;
        for (var py = py1; py < py2; py++)
        {
            for (var px = px1; px < px2; px++)
            {
                var hits = 0;
                for (var j = 0; j < ss; j++)
                {
                    for (var i = 0; i < ss; i++)
                    {
                        if (Contains(px + (i + 0.5) / ss, py + (j + 0.5) / ss))
                            hits++;
                    }
                }
                if (hits == 0)
                    continue;
                var o = (py * img.Width + px) * 3;
                p[o] = Blend(p[o], colour.R, hits);
                p[o + 1] = Blend(p[o + 1], colour.G, hits);
                p[o + 2] = Blend(p[o + 2], colour.B, hits);
            }
        }
    }

    private static byte Blend(byte bg, byte fg, int hits) => (byte)((bg * (16 - hits) + fg * hits + 8) / 16);
}
