namespace YoloGen.Validation;

/// <summary>
/// Settings of <see cref="NonMaxSuppression"/> (the reference's <c>non_max_suppression</c> arguments).
/// </summary>
/// <param name="Confidence">Candidates need a class score strictly above this.</param>
/// <param name="Iou">A box is suppressed by a kept box of the same class whose IoU with it is strictly above this.</param>
/// <param name="MultiLabel">One candidate per (box, class) above <paramref name="Confidence"/> instead of the best class only.</param>
/// <param name="MaxDetections">Boxes kept per image.</param>
/// <param name="MaxCandidates">Candidates entering the greedy pass (the best by score).</param>
/// <param name="ClassOffset">Classes are separated by shifting boxes by class × this many pixels.</param>
/// <param name="Agnostic">Suppress across classes.</param>
public sealed record NmsSettings(
    double Confidence,
    double Iou,
    bool MultiLabel,
    int MaxDetections = 300,
    int MaxCandidates = 30000,
    double ClassOffset = 7680,
    bool Agnostic = false)
{
    /// <summary>What validation uses: conf 0.001, IoU 0.7, multi-label, 300 per image.</summary>
    public static NmsSettings Validation { get; } = new(0.001, 0.7, MultiLabel: true);

    /// <summary>What prediction uses: conf 0.25, IoU 0.7, best class only, 300 per image.</summary>
    public static NmsSettings Predict { get; } = new(0.25, 0.7, MultiLabel: false);
}
