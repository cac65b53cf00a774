namespace YoloGen.Data;

/// <summary>Object classes the synthetic dataset can draw; the class name is the lower-case member name.</summary>
public enum ShapeKind
{
    Circle,
    Square,
    Triangle,
    Cross,
    Ring,
    Star,
}
