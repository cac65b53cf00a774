namespace YoloGen.Data;

/// <summary>
/// Training augmentation hyper-parameters, defaults equal to the reference's <c>default.yaml</c> (8.3.0):
/// mosaic 1.0, degrees 0, translate 0.1, scale 0.5, shear 0, perspective 0, hsv (0.015, 0.7, 0.4),
/// flipud 0, fliplr 0.5, close_mosaic 10. Mixup and copy-paste (0 by default) are not implemented.
/// </summary>
public sealed record AugmentOptions
{
    public static readonly AugmentOptions Default = new();

    /// <summary>Everything off: letterbox only (what validation uses).</summary>
    public static readonly AugmentOptions None = new()
    {
        Mosaic = 0, Translate = 0, Scale = 0, HsvH = 0, HsvS = 0, HsvV = 0, FlipLR = 0, CloseMosaic = 0,
    };

    /// <summary>Probability of a 4-image mosaic.</summary>
    public double Mosaic { get; init; } = 1.0;

    public double Degrees { get; init; }

    public double Translate { get; init; } = 0.1;

    public double Scale { get; init; } = 0.5;

    public double Shear { get; init; }

    public double Perspective { get; init; }

    public double HsvH { get; init; } = 0.015;

    public double HsvS { get; init; } = 0.7;

    public double HsvV { get; init; } = 0.4;

    public double FlipUD { get; init; }

    public double FlipLR { get; init; } = 0.5;

    /// <summary>Mosaic is turned off for this many final epochs.</summary>
    public int CloseMosaic { get; init; } = 10;

    /// <summary>
    /// Whether mosaic runs in 0-based epoch <paramref name="epoch"/> of <paramref name="epochs"/>. As in the
    /// reference it closes at epoch <c>epochs − close_mosaic</c> and stays closed; when close_mosaic exceeds
    /// epochs that epoch never comes and mosaic stays on.
    /// </summary>
    public bool MosaicActive(int epoch, int epochs)
    {
        if (Mosaic <= 0)
            return false;
        if (CloseMosaic <= 0)
            return true;
        var closeAt = epochs - CloseMosaic;
        return closeAt < 0 || epoch < closeAt;
    }
}
