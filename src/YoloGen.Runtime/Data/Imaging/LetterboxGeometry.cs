namespace YoloGen.Data;

/// <summary>
/// How a source image was placed in a letterboxed canvas: scaled by <see cref="GainX"/>/<see cref="GainY"/>
/// (resized size / source size) and shifted by the padding. Maps boxes both ways.
/// </summary>
public readonly record struct LetterboxGeometry(
    int SourceWidth, int SourceHeight, int Width, int Height, double GainX, double GainY, int PadLeft, int PadTop)
{
    /// <summary>Source pixels → letterboxed pixels.</summary>
    public (double X1, double Y1, double X2, double Y2) ToCanvas(double x1, double y1, double x2, double y2) =>
        (x1 * GainX + PadLeft, y1 * GainY + PadTop, x2 * GainX + PadLeft, y2 * GainY + PadTop);

    /// <summary>Letterboxed pixels → source pixels, clipped to the source image (how predictions are mapped back).</summary>
    public (double X1, double Y1, double X2, double Y2) ToSource(double x1, double y1, double x2, double y2) =>
        (Math.Clamp((x1 - PadLeft) / GainX, 0, SourceWidth), Math.Clamp((y1 - PadTop) / GainY, 0, SourceHeight),
         Math.Clamp((x2 - PadLeft) / GainX, 0, SourceWidth), Math.Clamp((y2 - PadTop) / GainY, 0, SourceHeight));

    /// <summary>Combines a resize that happened before (source → this geometry's source) into one mapping.</summary>
    public LetterboxGeometry After(int originalWidth, int originalHeight) => this with
    {
        SourceWidth = originalWidth,
        SourceHeight = originalHeight,
        GainX = GainX * SourceWidth / originalWidth,
        GainY = GainY * SourceHeight / originalHeight,
    };
}
