namespace YoloGen.Data;

/// <summary>A skipped image, label line or duplicate, with the file (and 1-based line) it concerns.</summary>
public sealed record DatasetWarning(string File, int? Line, string Message)
{
    public override string ToString() => Line is { } l ? $"{File}:{l}: {Message}" : $"{File}: {Message}";
}
