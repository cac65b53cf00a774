using static TorchSharp.torch;

namespace YoloGen.Boxes;

/// <summary>Box layout conversions on the last dimension (size 4), with the reference's arithmetic.</summary>
public static class BoxFormat
{
    /// <summary>(cx, cy, w, h) → (x1, y1, x2, y2) as cx ∓ w/2, cy ∓ h/2.</summary>
    public static Tensor XywhToXyxy(Tensor xywh)
    {
        using var scope = NewDisposeScope();
        var xy = xywh[TensorIndex.Ellipsis, TensorIndex.Slice(0, 2)];
        var half = xywh[TensorIndex.Ellipsis, TensorIndex.Slice(2, 4)] / 2;
        return cat([xy - half, xy + half], -1).MoveToOuterDisposeScope();
    }

    /// <summary>(x1, y1, x2, y2) → (cx, cy, w, h).</summary>
    public static Tensor XyxyToXywh(Tensor xyxy)
    {
        using var scope = NewDisposeScope();
        var p1 = xyxy[TensorIndex.Ellipsis, TensorIndex.Slice(0, 2)];
        var p2 = xyxy[TensorIndex.Ellipsis, TensorIndex.Slice(2, 4)];
        return cat([(p1 + p2) / 2, p2 - p1], -1).MoveToOuterDisposeScope();
    }
}
