using static TorchSharp.torch;

namespace YoloGen.Training.Loss;

/// <summary>
/// Result of <see cref="DetectionLoss.Compute"/>: <see cref="Total"/> (scalar, differentiable; the sum of the three
/// gained terms times the batch size, what training back-propagates) and <see cref="Items"/> (box, cls, dfl after
/// their gains, detached), plus the assigner's decisions and the normaliser for inspection.
/// </summary>
public sealed class DetectionLossResult : IDisposable
{
    public DetectionLossResult(Tensor total, Tensor items, Tensor targetScoresSum, Assignment assignment)
    {
        Total = total;
        Items = items;
        TargetScoresSum = targetScoresSum;
        Assignment = assignment;
    }

    public Tensor Total { get; }

    /// <summary>(3) box (CIoU), cls (BCE), dfl, each multiplied by its gain; detached.</summary>
    public Tensor Items { get; }

    /// <summary>Sum of all target scores (the loss divides by max(this, 1)); scalar, detached.</summary>
    public Tensor TargetScoresSum { get; }

    public Assignment Assignment { get; }

    public double Box => Items[0].item<double>();
    public double Cls => Items[1].item<double>();
    public double Dfl => Items[2].item<double>();

    public DetectionLossResult MoveToOuterDisposeScope()
    {
        Total.MoveToOuterDisposeScope();
        Items.MoveToOuterDisposeScope();
        TargetScoresSum.MoveToOuterDisposeScope();
        Assignment.MoveToOuterDisposeScope();
        return this;
    }

    public void Dispose()
    {
        Total.Dispose();
        Items.Dispose();
        TargetScoresSum.Dispose();
        Assignment.Dispose();
    }
}
