namespace YoloGen.Data;

/// <summary>Options of <see cref="TrainLoader"/> and <see cref="ValLoader"/>.</summary>
public sealed record LoaderOptions
{
    /// <summary>Training/validation image size (square side; long side for rectangular validation).</summary>
    public int ImageSize { get; init; } = 640;

    public int BatchSize { get; init; } = 16;

    /// <summary>Worker threads building batches; 0 builds them on the consuming thread.</summary>
    public int Workers { get; init; } = 2;

    /// <summary>Batches built ahead of the consumer (bounded queue).</summary>
    public int Prefetch { get; init; } = 4;

    /// <summary>Seed of the per-epoch shuffle and of every augmentation.</summary>
    public long Seed { get; init; }

    public bool Shuffle { get; init; } = true;

    /// <summary>Total epochs of the run (decides when <see cref="AugmentOptions.CloseMosaic"/> starts).</summary>
    public int Epochs { get; init; } = 100;

    public AugmentOptions Augment { get; init; } = AugmentOptions.Default;

    /// <summary>Keep decoded, resized images in memory after first use.</summary>
    public bool CacheImages { get; init; }

    /// <summary>Validation: batches of similar aspect ratio with their own stride-aligned shape (the reference's rect val).</summary>
    public bool Rect { get; init; } = true;

    /// <summary>Largest model stride; rectangular shapes are multiples of it.</summary>
    public int Stride { get; init; } = 32;

    internal void Check()
    {
        if (ImageSize <= 0 || ImageSize % Stride != 0)
            throw new ArgumentException($"image size {ImageSize} must be a positive multiple of the stride {Stride}");
        if (BatchSize <= 0)
            throw new ArgumentException($"batch size {BatchSize} must be positive");
        if (Workers < 0 || Prefetch < 0)
            throw new ArgumentException("workers and prefetch must not be negative");
    }
}
