namespace YoloGen.Data;

/// <summary>
/// Size and content of the generated dataset. The defaults aim at a quick but real training job: a few hundred
/// images of 256–416 px with 1–6 clearly visible shapes of 4 classes, so that yolo11n at imgsz 320 learns them
/// in minutes on a CPU.
/// </summary>
public sealed record SyntheticOptions
{
    public static readonly SyntheticOptions Default = new();

    public long Seed { get; init; }

    public int TrainImages { get; init; } = 600;

    public int ValImages { get; init; } = 100;

    /// <summary>Classes in index order.</summary>
    public IReadOnlyList<ShapeKind> Classes { get; init; } = [ShapeKind.Circle, ShapeKind.Square, ShapeKind.Triangle, ShapeKind.Cross];

    /// <summary>Image width and height are drawn independently in [MinImageSize, MaxImageSize] (multiples of 16).</summary>
    public int MinImageSize { get; init; } = 256;

    public int MaxImageSize { get; init; } = 416;

    /// <summary>Objects per image are drawn in [1, MaxObjects]; <see cref="EmptyFraction"/> of the images have none.</summary>
    public int MaxObjects { get; init; } = 6;

    public double EmptyFraction { get; init; } = 0.05;

    /// <summary>Smallest object extent in pixels.</summary>
    public int MinObjectSize { get; init; } = 24;

    /// <summary>Largest object extent as a fraction of the image's shorter side.</summary>
    public double MaxObjectFraction { get; init; } = 0.45;

    /// <summary>Largest IoU a new object may have with one already placed (objects may overlap a little).</summary>
    public double MaxOverlap { get; init; } = 0.25;

    /// <summary>"jpg" (smaller, what real datasets mostly hold) or "png".</summary>
    public string Format { get; init; } = "jpg";

    public int JpegQuality { get; init; } = 90;

    internal void Check()
    {
        if (TrainImages <= 0 || ValImages <= 0)
            throw new ArgumentException("the synthetic dataset needs at least one train and one val image");
        if (Classes.Count == 0 || Classes.Distinct().Count() != Classes.Count)
            throw new ArgumentException("classes must be a non-empty list of distinct shapes");
        if (MinImageSize < 64 || MaxImageSize < MinImageSize)
            throw new ArgumentException($"image sizes {MinImageSize}..{MaxImageSize} are invalid (minimum 64)");
        if (MinObjectSize < 8 || MinObjectSize > MinImageSize * MaxObjectFraction)
            throw new ArgumentException($"object sizes {MinObjectSize}..{MaxObjectFraction}·side are invalid");
        if (MaxObjects < 1)
            throw new ArgumentException("MaxObjects must be at least 1");
        if (Format is not ("jpg" or "png"))
            throw new ArgumentException($"format '{Format}' must be jpg or png");
    }
}
