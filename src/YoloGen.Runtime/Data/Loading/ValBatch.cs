namespace YoloGen.Data;

/// <summary>
/// A validation batch: letterboxed images without augmentation (all of the batch's H × W), the targets in
/// the training layout relative to that canvas, and per image what is needed to map predictions back.
/// </summary>
public sealed class ValBatch : DetectionBatch
{
    public required ValImageInfo[] Infos { get; init; }
}

/// <summary>
/// One validation image: its original size, the mapping original pixels ↔ batch canvas (gains = resized /
/// original, padding left/top; <see cref="LetterboxGeometry.ToSource"/> maps predictions back), and its
/// ground-truth boxes in original pixels (x1, y1, x2, y2).
/// </summary>
public sealed record ValImageInfo(string File, int OriginalWidth, int OriginalHeight, LetterboxGeometry Geometry, PixelBox[] GroundTruth);
