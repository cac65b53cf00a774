using static TorchSharp.torch;

namespace YoloGen.Boxes;

/// <summary>
/// Complete IoU (CIoU, arXiv 1911.08287) of xyxy boxes, element by element over broadcast shapes (…, 4) → (…, 1),
/// as the reference's <c>bbox_iou(xywh=False, CIoU=True)</c>: the same operations in the same order, so float64
/// results agree to rounding and gradients follow the same path (the aspect-ratio weight α is not differentiated).
/// </summary>
public static class CompleteIou
{
    private static readonly double AspectGain = 4 / (Math.PI * Math.PI);

    public static Tensor Compute(Tensor box1, Tensor box2, double eps = 1e-7)
    {
        using var scope = NewDisposeScope();
        var a = box1.chunk(4, -1);
        var b = box2.chunk(4, -1);
        Tensor ax1 = a[0], ay1 = a[1], ax2 = a[2], ay2 = a[3];
        Tensor bx1 = b[0], by1 = b[1], bx2 = b[2], by2 = b[3];
        var w1 = ax2 - ax1;
        var h1 = ay2 - ay1 + eps;
        var w2 = bx2 - bx1;
        var h2 = by2 - by1 + eps;

        var inter = (ax2.minimum(bx2) - ax1.maximum(bx1)).clamp_min(0) * (ay2.minimum(by2) - ay1.maximum(by1)).clamp_min(0);
        var union = w1 * h1 + w2 * h2 - inter + eps;
        var iou = inter / union;

        var cw = ax2.maximum(bx2) - ax1.minimum(bx1); // enclosing box
        var ch = ay2.maximum(by2) - ay1.minimum(by1);
        var c2 = cw.pow(2) + ch.pow(2) + eps;
        var rho2 = ((bx1 + bx2 - ax1 - ax2).pow(2) + (by1 + by2 - ay1 - ay2).pow(2)) / 4; // centre distance²
        var v = AspectGain * ((w2 / h2).atan() - (w1 / h1).atan()).pow(2);
        Tensor alpha;
        using (no_grad()) alpha = v / (v - iou + (1 + eps));
        return (iou - (rho2 / c2 + v * alpha)).MoveToOuterDisposeScope();
    }
}
