using static TorchSharp.torch;

namespace YoloGen.Boxes;

/// <summary>
/// Boxes → their (left, top, right, bottom) distances from anchor points (the reference's <c>bbox2dist</c>; the
/// inverse direction is <see cref="YoloGen.Nn.Anchors.DistToBox"/>), in whatever unit the inputs share.
/// </summary>
public static class BoxDistance
{
    /// <summary>xyxy boxes → distances from the points, clamped to [0, <paramref name="maxDistance"/> − 0.01].</summary>
    public static Tensor FromBox(Tensor points, Tensor xyxy, double maxDistance)
    {
        using var scope = NewDisposeScope();
        var parts = xyxy.chunk(2, -1);
        return cat([points - parts[0], parts[1] - points], -1).clamp(0, maxDistance - 0.01).MoveToOuterDisposeScope();
    }
}
