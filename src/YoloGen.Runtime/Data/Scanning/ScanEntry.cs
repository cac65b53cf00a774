namespace YoloGen.Data;

/// <summary>What scanning found for one image file (kept in the label cache).</summary>
internal sealed record ScanEntry(
    string Image,
    string Label,
    int Width,
    int Height,
    LabelBox[] Boxes,
    string? CorruptImage,
    LabelState State,
    int CorruptLines,
    int Duplicates,
    DatasetWarning[] Warnings);

internal enum LabelState
{
    Present,
    Missing,
    Empty,
}
