namespace YoloGen.Data;

/// <summary>A box in pixel corners (x1, y1, x2, y2) of the image it belongs to, with its class.</summary>
public readonly record struct PixelBox(int Cls, float X1, float Y1, float X2, float Y2)
{
    public float Width => X2 - X1;

    public float Height => Y2 - Y1;

    public static PixelBox FromLabel(LabelBox b, int width, int height) => new(b.Cls,
        (b.Cx - b.W / 2) * width, (b.Cy - b.H / 2) * height, (b.Cx + b.W / 2) * width, (b.Cy + b.H / 2) * height);

    /// <summary>Normalized centre x, centre y, width, height for an image of the given size.</summary>
    public (float Cx, float Cy, float W, float H) ToNormalizedCxCyWh(int width, int height) =>
        ((X1 + X2) / 2 / width, (Y1 + Y2) / 2 / height, (X2 - X1) / width, (Y2 - Y1) / height);

    public PixelBox Clip(float width, float height) => this with
    {
        X1 = Math.Clamp(X1, 0, width),
        Y1 = Math.Clamp(Y1, 0, height),
        X2 = Math.Clamp(X2, 0, width),
        Y2 = Math.Clamp(Y2, 0, height),
    };
}
