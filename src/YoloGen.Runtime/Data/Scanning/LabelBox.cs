namespace YoloGen.Data;

/// <summary>One ground-truth box as label files store it: class and normalized centre x, centre y, width, height.</summary>
public readonly record struct LabelBox(int Cls, float Cx, float Cy, float W, float H);
