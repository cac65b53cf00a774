namespace YoloGen.Data;

/// <summary>What scanning a split found: counts of everything skipped, and a warning for each.</summary>
public sealed record DatasetReport
{
    public required string Split { get; init; }

    /// <summary>Image files listed by the split.</summary>
    public int ImagesFound { get; init; }

    /// <summary>Images kept (found minus corrupt).</summary>
    public int ImagesUsable { get; init; }

    public int CorruptImages { get; init; }

    /// <summary>Images without a label file (kept as backgrounds).</summary>
    public int MissingLabels { get; init; }

    /// <summary>Label files with no box (kept as backgrounds).</summary>
    public int EmptyLabels { get; init; }

    /// <summary>Label lines skipped because they could not be parsed or were out of range.</summary>
    public int CorruptLines { get; init; }

    /// <summary>Label lines dropped because they repeat an earlier line of the same file.</summary>
    public int DuplicateLabels { get; init; }

    /// <summary>Boxes kept over all usable images.</summary>
    public int Boxes { get; init; }

    /// <summary>True when labels came from the label cache instead of reading every file.</summary>
    public bool FromCache { get; init; }

    public string? CachePath { get; init; }

    public required IReadOnlyList<DatasetWarning> Warnings { get; init; }

    public override string ToString() =>
        $"{Split}: {ImagesUsable}/{ImagesFound} images, {Boxes} boxes, {MissingLabels} without labels, " +
        $"{EmptyLabels} empty, {CorruptImages} corrupt images, {CorruptLines} corrupt label lines, " +
        $"{DuplicateLabels} duplicates{(FromCache ? " (label cache)" : "")}";
}
