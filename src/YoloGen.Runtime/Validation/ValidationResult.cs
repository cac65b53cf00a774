namespace YoloGen.Validation;

/// <summary>
/// Metrics of one validation pass (and the statistics they were computed from), the mean validation losses (after
/// their gains) and the time it took.
/// </summary>
public sealed record ValidationResult(
    DetectionMetrics Metrics, DetectionStats Stats, double Box, double Cls, double Dfl, int Images, double Seconds);
