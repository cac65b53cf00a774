using YoloGen.Boxes;
using YoloGen.Nn;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace YoloGen.Training.Loss;

/// <summary>
/// The v8 detection loss (the reference's <c>v8DetectionLoss</c>): raw head maps are decoded (DFL softmax expectation
/// around each anchor), the <see cref="TaskAlignedAssigner"/> picks foreground anchors and soft targets, and the
/// loss is CIoU + DFL on the foreground plus BCE on every class logit, each divided by the sum of target scores and
/// multiplied by its gain. Everything runs in the raw maps' dtype and device (float32 or float64).
/// </summary>
public sealed class DetectionLoss
{
    public DetectionLoss(int numClasses, IReadOnlyList<int> strides, int regMax = 16, LossGains? gains = null, int topK = 10)
    {
        if (numClasses < 1) throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "at least one class");
        if (strides.Count == 0) throw new ArgumentException("at least one stride", nameof(strides));
        NumClasses = numClasses;
        Strides = strides.ToArray();
        RegMax = regMax;
        Gains = gains ?? LossGains.Default;
        Assigner = new TaskAlignedAssigner(numClasses, topK, alpha: 0.5, beta: 6.0);
    }

    public int NumClasses { get; }
    public IReadOnlyList<int> Strides { get; }
    public int RegMax { get; }
    public LossGains Gains { get; }
    public TaskAlignedAssigner Assigner { get; }

    /// <summary>Channels each head map must have: 4·regMax box logits, then the class logits.</summary>
    public long Outputs => 4L * RegMax + NumClasses;

    /// <param name="raw">Head maps (B, 4·regMax + nc, H_i, W_i), one per stride, in the head's order.</param>
    /// <param name="targets">The batch's boxes (normalised cxcywh).</param>
    /// <param name="imageSize">Input (height, width) in pixels; default: first map's size × first stride.</param>
    public DetectionLossResult Compute(IReadOnlyList<Tensor> raw, DetectionTargets targets, (int Height, int Width)? imageSize = null)
    {
        CheckMaps(raw);
        using var scope = NewDisposeScope();
        var dtype = raw[0].dtype;
        var device = raw[0].device;
        long batch = raw[0].shape[0];

        var flat = cat(raw.Select(x => x.view(batch, Outputs, -1)).ToArray(), 2);
        var parts = flat.split([4L * RegMax, NumClasses], 1);
        var predDist = parts[0].permute(0, 2, 1).contiguous();     // (B, N, 4·regMax)
        var predScores = parts[1].permute(0, 2, 1).contiguous();   // (B, N, nc)

        var (height, width) = imageSize ?? ((int)raw[0].shape[2] * Strides[0], (int)raw[0].shape[3] * Strides[0]);
        var (anchorPoints, strideTensor) = Anchors.Make(raw, Strides, 0.5);

        var (gtLabels, gtBoxes) = targets.Padded(batch, height, width, dtype, device);
        var gtMask = gtBoxes.sum([2L], keepdim: true).gt(0).to_type(dtype);

        var predBoxes = Decode(anchorPoints, predDist);             // xyxy, grid units
        var assignment = Assigner.Assign(
            predScores.detach().sigmoid(),
            (predBoxes.detach() * strideTensor).to_type(gtBoxes.dtype),
            anchorPoints * strideTensor,
            gtLabels, gtBoxes, gtMask);

        var targetScores = assignment.Scores;
        var targetScoresSum = targetScores.sum().clamp_min(1);

        var cls = ClassLoss(predScores, targetScores) / targetScoresSum;
        Tensor box, dfl;
        if (assignment.Foreground.any().item<bool>())
        {
            (box, dfl) = BoxRegressionLoss.Compute(predDist, predBoxes, anchorPoints, assignment.Boxes / strideTensor,
                targetScores, targetScoresSum, assignment.Foreground, RegMax);
        }
        else
        {
            box = zeros(Array.Empty<long>(), dtype: dtype, device: device);
            dfl = zeros(Array.Empty<long>(), dtype: dtype, device: device);
        }

        var items = stack([box * Gains.Box, cls * Gains.Cls, dfl * Gains.Dfl]);
        var total = items.sum() * batch;
        return new DetectionLossResult(total, items.detach(), targetScores.sum().detach(), assignment)
            .MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Summed BCE-with-logits of every class logit. Below float64 it is evaluated in float64 and rounded back:
    /// libtorch computes it as (1 − t)·x − log σ(x), which cancels in float32 for the many strongly negative logits
    /// (the sum drifts by ~2e-6 relative on the reference fixture, against 8e-8 for the float32 reference).
    /// </summary>
    private static Tensor ClassLoss(Tensor logits, Tensor targets)
    {
        var dtype = logits.dtype;
        var wide = dtype == ScalarType.Float64 ? logits : logits.to_type(ScalarType.Float64);
        var bce = F.binary_cross_entropy_with_logits(wide, targets.to_type(ScalarType.Float64), reduction: nn.Reduction.None);
        return bce.sum().to_type(dtype);
    }

    /// <summary>DFL logits (B, N, 4·regMax) → xyxy boxes (B, N, 4) in grid units: softmax expectation of each side's bins.</summary>
    public Tensor Decode(Tensor anchorPoints, Tensor predDist)
    {
        using var scope = NewDisposeScope();
        long b = predDist.shape[0], a = predDist.shape[1];
        var bins = arange(RegMax, dtype: predDist.dtype, device: predDist.device);
        var distances = predDist.view(b, a, 4, RegMax).softmax(3).matmul(bins);
        return Anchors.DistToBox(distances, anchorPoints, xywh: false).MoveToOuterDisposeScope();
    }

    private void CheckMaps(IReadOnlyList<Tensor> raw)
    {
        if (raw.Count != Strides.Count)
            throw new ArgumentException($"{raw.Count} head maps given but the loss has {Strides.Count} strides");
        for (int i = 0; i < raw.Count; i++)
        {
            var s = raw[i].shape;
            if (s.Length != 4 || s[1] != Outputs || s[0] != raw[0].shape[0])
                throw new ArgumentException(
                    $"head map {i} has shape [{string.Join(", ", s)}]; expected [B, {Outputs}, H, W] (4·{RegMax} box + {NumClasses} class channels)");
            if (raw[i].dtype != raw[0].dtype)
                throw new ArgumentException($"head map {i} is {raw[i].dtype} but map 0 is {raw[0].dtype}");
        }
    }
}
