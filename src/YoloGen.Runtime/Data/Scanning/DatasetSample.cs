namespace YoloGen.Data;

/// <summary>
/// One usable image of a split: its file, its label file (which may not exist: a background image), its size
/// after EXIF orientation, and its boxes.
/// </summary>
public sealed record DatasetSample(string ImagePath, string LabelPath, int Width, int Height, LabelBox[] Labels);
