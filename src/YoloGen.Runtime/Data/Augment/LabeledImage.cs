namespace YoloGen.Data;

/// <summary>An image with its boxes in pixels, the value passed from one augmentation step to the next.</summary>
public sealed record LabeledImage(RgbImage Image, PixelBox[] Boxes);
