using YoloGen.Boxes;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace YoloGen.Training.Loss;

/// <summary>
/// The box terms of the detection loss over foreground anchors (the reference's <c>BboxLoss</c>): 1 − CIoU and the
/// distribution focal loss (DFL, arXiv 2006.04388) of the ltrb distances, both weighted by each anchor's target
/// score and divided by the sum of all target scores. Inputs are in grid units (pixels / stride).
/// </summary>
internal static class BoxRegressionLoss
{
    /// <param name="predDist">(B, N, 4·regMax) DFL logits.</param>
    /// <param name="predBoxes">(B, N, 4) decoded xyxy boxes.</param>
    /// <param name="anchorPoints">(N, 2).</param>
    /// <param name="targetBoxes">(B, N, 4) assigned xyxy boxes.</param>
    /// <param name="targetScores">(B, N, C).</param>
    /// <param name="targetScoresSum">Scalar normaliser.</param>
    /// <param name="foreground">(B, N) bool.</param>
    public static (Tensor Iou, Tensor Dfl) Compute(Tensor predDist, Tensor predBoxes, Tensor anchorPoints, Tensor targetBoxes,
        Tensor targetScores, Tensor targetScoresSum, Tensor foreground, int regMax)
    {
        using var scope = NewDisposeScope();
        var weight = targetScores.sum([-1L])[foreground].unsqueeze(-1);                       // (F, 1)
        var ciou = CompleteIou.Compute(predBoxes[foreground], targetBoxes[foreground]);        // (F, 1)
        var iouLoss = ((1.0 - ciou) * weight).sum() / targetScoresSum;

        var targetLtrb = BoxDistance.FromBox(anchorPoints, targetBoxes, regMax - 1)[foreground];  // (F, 4)
        var dfl = DistributionFocal(predDist[foreground].view(-1, regMax), targetLtrb, regMax) * weight;
        var dflLoss = dfl.sum() / targetScoresSum;
        return (iouLoss.MoveToOuterDisposeScope(), dflLoss.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Cross-entropy towards the two bins around each continuous target, weighted by proximity, averaged over the
    /// four sides: (F·4, regMax) logits and (F, 4) targets → (F, 1).
    /// </summary>
    private static Tensor DistributionFocal(Tensor logits, Tensor target, int regMax)
    {
        target = target.clamp(0, regMax - 1 - 0.01);
        var left = target.to_type(ScalarType.Int64);
        var right = left + 1;
        var weightLeft = right - target;
        var weightRight = 1 - weightLeft;
        var ceLeft = F.cross_entropy(logits, left.view(-1), reduction: nn.Reduction.None).view(left.shape);
        var ceRight = F.cross_entropy(logits, right.view(-1), reduction: nn.Reduction.None).view(left.shape);
        return (ceLeft * weightLeft + ceRight * weightRight).mean([-1L], keepdim: true);
    }
}
