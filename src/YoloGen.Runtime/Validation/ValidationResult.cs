namespace YoloGen.Validation;

/// <summary>Metrics of one validation pass, the mean validation losses (after their gains) and the time it took.</summary>
public sealed record ValidationResult(DetectionMetrics Metrics, double Box, double Cls, double Dfl, int Images, double Seconds);
