using YoloGen.Boxes;
using static TorchSharp.torch;

namespace YoloGen.Training.Loss;

/// <summary>
/// Task-aligned assigner (TOOD, arXiv 2108.07755) as the reference's <c>TaskAlignedAssigner</c>: for every target
/// box, the <see cref="TopK"/> anchors with the largest alignment metric score^α · CIoU^β, kept if their centre lies
/// strictly inside the box; an anchor claimed by several boxes goes to the one it overlaps most. Target scores are
/// the one-hot class scaled so that each box's best anchor gets that box's best overlap. Everything is computed in
/// the dtype of the predicted scores, without gradients.
/// </summary>
public sealed class TaskAlignedAssigner
{
    public TaskAlignedAssigner(int numClasses, int topK = 10, double alpha = 0.5, double beta = 6.0, double eps = 1e-9)
    {
        NumClasses = numClasses;
        TopK = topK;
        Alpha = alpha;
        Beta = beta;
        Eps = eps;
    }

    public int NumClasses { get; }
    public int TopK { get; }
    public double Alpha { get; }
    public double Beta { get; }
    public double Eps { get; }

    /// <param name="predScores">(B, N, C) predicted class probabilities (after sigmoid).</param>
    /// <param name="predBoxes">(B, N, 4) predicted boxes, xyxy in input pixels.</param>
    /// <param name="anchorPoints">(N, 2) anchor centres in input pixels.</param>
    /// <param name="gtLabels">(B, M, 1) target classes (padded).</param>
    /// <param name="gtBoxes">(B, M, 4) target boxes, xyxy in input pixels (padded with zeros).</param>
    /// <param name="gtMask">(B, M, 1) 1 for real targets, 0 for padding.</param>
    public Assignment Assign(Tensor predScores, Tensor predBoxes, Tensor anchorPoints, Tensor gtLabels, Tensor gtBoxes, Tensor gtMask)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        long bs = predScores.shape[0], na = predScores.shape[1], nMax = gtBoxes.shape[1];
        if (nMax == 0)
        {
            return new Assignment(
                full(bs, na, NumClasses, dtype: ScalarType.Int64, device: predScores.device),
                zeros_like(predBoxes),
                zeros_like(predScores),
                zeros(bs, na, dtype: ScalarType.Bool, device: predScores.device),
                zeros(bs, na, dtype: ScalarType.Int64, device: predScores.device)).MoveToOuterDisposeScope();
        }

        var inBox = CentresInBoxes(anchorPoints, gtBoxes);                  // (B, M, N)
        var (metric, overlaps) = BoxMetrics(predScores, predBoxes, gtLabels, gtBoxes, inBox * gtMask);
        var topMask = TopCandidates(metric, gtMask.expand(-1, -1, TopK).to_type(ScalarType.Bool));
        var positive = topMask * inBox * gtMask;                            // (B, M, N)

        var (boxIndex, foreground, resolved) = ResolveMultipleBoxes(positive, overlaps, nMax);
        var (labels, boxes, scores) = Targets(gtLabels, gtBoxes, boxIndex, foreground, bs, nMax);

        // Normalise: each box's anchors are scaled so that its best-aligned anchor gets the box's best overlap.
        var alignedMetric = metric * resolved;
        var boxMaxMetric = alignedMetric.amax([-1], keepdim: true);
        var boxMaxOverlap = (overlaps * resolved).amax([-1], keepdim: true);
        var norm = (alignedMetric * boxMaxOverlap / (boxMaxMetric + Eps)).amax([-2]).unsqueeze(-1);
        scores = scores * norm;

        return new Assignment(labels, boxes, scores, foreground.to_type(ScalarType.Bool), boxIndex).MoveToOuterDisposeScope();
    }

    /// <summary>(B, M, N) 1 where the anchor centre lies more than eps inside the box on all four sides.</summary>
    private static Tensor CentresInBoxes(Tensor points, Tensor gtBoxes, double eps = 1e-9)
    {
        long bs = gtBoxes.shape[0], nBoxes = gtBoxes.shape[1], na = points.shape[0];
        var corners = gtBoxes.view(-1, 1, 4).chunk(2, 2);
        var deltas = cat([points.unsqueeze(0) - corners[0], corners[1] - points.unsqueeze(0)], 2).view(bs, nBoxes, na, -1);
        return deltas.amin([3]).gt(eps).to_type(gtBoxes.dtype);
    }

    /// <summary>Alignment metric and CIoU overlap of every (box, anchor) pair inside <paramref name="mask"/>; zero elsewhere.</summary>
    private (Tensor Metric, Tensor Overlaps) BoxMetrics(Tensor predScores, Tensor predBoxes, Tensor gtLabels, Tensor gtBoxes, Tensor mask)
    {
        using var scope = NewDisposeScope();
        long bs = predBoxes.shape[0], na = predBoxes.shape[1], nMax = gtBoxes.shape[1];
        var inside = mask.to_type(ScalarType.Bool);
        // Score of each anchor for the class of each box: (B, C, N) gathered at the box labels → (B, M, N).
        var labelIndex = gtLabels.squeeze(-1).to_type(ScalarType.Int64).unsqueeze(-1).expand(-1, -1, na);
        var classScores = predScores.permute(0, 2, 1).gather(1, labelIndex);
        var boxScores = where(inside, classScores, zeros_like(classScores));

        // CIoU of the pairs inside only, as the reference: they are a small part of B·M·N, and CIoU over all pairs
        // needs some twenty (B, M, N) temporaries at once, the largest transient of a training step, which grows
        // with the most crowded image of the batch and so pushes the process's peak memory up batch after batch.
        var gtPairs = gtBoxes.unsqueeze(2).expand(-1, -1, na, -1)[inside];       // (K, 4)
        var predPairs = predBoxes.unsqueeze(1).expand(-1, nMax, -1, -1)[inside]; // (K, 4)
        var overlaps = zeros(bs, nMax, na, dtype: predBoxes.dtype, device: predBoxes.device);
        overlaps.index_put_(CompleteIou.Compute(gtPairs, predPairs).squeeze(-1).clamp_min(0).to_type(predBoxes.dtype), inside);
        var metric = boxScores.pow(Alpha) * overlaps.pow(Beta);
        return (metric.MoveToOuterDisposeScope(), overlaps.MoveToOuterDisposeScope());
    }

    /// <summary>(B, M, N) 1 for the top-k anchors of each real box (ties in torch.topk's order), 0 elsewhere.</summary>
    private Tensor TopCandidates(Tensor metric, Tensor topkMask)
    {
        var (_, indices) = metric.topk(TopK, dim: -1, largest: true);
        indices = indices.masked_fill(topkMask.logical_not(), 0);
        // Padded boxes point k times at anchor 0; a count above one marks them invalid.
        var count = zeros(metric.shape, dtype: ScalarType.Int32, device: metric.device);
        count.scatter_add_(-1, indices, ones_like(indices, dtype: ScalarType.Int32));
        return count.masked_fill(count.gt(1), 0).to_type(metric.dtype);
    }

    /// <summary>An anchor claimed by several boxes keeps only the box with the largest overlap.</summary>
    private static (Tensor BoxIndex, Tensor Foreground, Tensor Positive) ResolveMultipleBoxes(Tensor positive, Tensor overlaps, long nMax)
    {
        var foreground = positive.sum([-2L], type: positive.dtype);
        if (foreground.max().gt(1).item<bool>())
        {
            var multiple = foreground.unsqueeze(1).gt(1).expand(-1, nMax, -1);
            var best = overlaps.argmax(1);
            var isBest = zeros_like(positive).scatter_(1, best.unsqueeze(1), ones_like(positive));
            positive = where(multiple, isBest, positive);
            foreground = positive.sum([-2L], type: positive.dtype);
        }
        return (positive.argmax(-2), foreground, positive);
    }

    /// <summary>Labels, boxes and one-hot scores of the box assigned to each anchor (scores zero off the foreground).</summary>
    private (Tensor Labels, Tensor Boxes, Tensor Scores) Targets(Tensor gtLabels, Tensor gtBoxes, Tensor boxIndex, Tensor foreground, long bs, long nMax)
    {
        var batchOffset = arange(bs, dtype: ScalarType.Int64, device: gtLabels.device).unsqueeze(-1) * nMax;
        var flatIndex = boxIndex + batchOffset;                                        // (B, N)
        var labels = gtLabels.to_type(ScalarType.Int64).flatten()[flatIndex].clamp_min(0);
        var boxes = gtBoxes.view(-1, gtBoxes.shape[^1])[flatIndex];
        var oneHot = zeros(labels.shape[0], labels.shape[1], NumClasses, dtype: ScalarType.Int64, device: labels.device)
            .scatter_(2, labels.unsqueeze(-1), ones_like(labels.unsqueeze(-1)));
        var fg = foreground.unsqueeze(-1).gt(0).expand(-1, -1, NumClasses);
        var scores = where(fg, oneHot, zeros_like(oneHot));
        return (labels, boxes, scores);
    }
}
