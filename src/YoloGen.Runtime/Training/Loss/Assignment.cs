using static TorchSharp.torch;

namespace YoloGen.Training.Loss;

/// <summary>
/// What the task-aligned assigner decided for every anchor of a batch (B images, N anchors, C classes).
/// Outside the foreground the labels, boxes and box indices hold the image's first box (or zeros); only
/// <see cref="Scores"/> and <see cref="Foreground"/> are meaningful there.
/// </summary>
public sealed class Assignment : IDisposable
{
    public Assignment(Tensor labels, Tensor boxes, Tensor scores, Tensor foreground, Tensor boxIndex)
    {
        Labels = labels;
        Boxes = boxes;
        Scores = scores;
        Foreground = foreground;
        BoxIndex = boxIndex;
    }

    /// <summary>(B, N) int64 class of the assigned box.</summary>
    public Tensor Labels { get; }

    /// <summary>(B, N, 4) assigned box, xyxy in input pixels.</summary>
    public Tensor Boxes { get; }

    /// <summary>(B, N, C) soft one-hot target: the assigned class weighted by the normalised alignment metric.</summary>
    public Tensor Scores { get; }

    /// <summary>(B, N) bool, true for foreground anchors.</summary>
    public Tensor Foreground { get; }

    /// <summary>(B, N) int64 index of the assigned box among its image's targets.</summary>
    public Tensor BoxIndex { get; }

    public Assignment MoveToOuterDisposeScope()
    {
        foreach (var t in All) t.MoveToOuterDisposeScope();
        return this;
    }

    /// <summary>Detaches every tensor from the current dispose scope (the caller then owns them).</summary>
    public Assignment DetachFromDisposeScope()
    {
        foreach (var t in All) t.DetachFromDisposeScope();
        return this;
    }

    public void Dispose()
    {
        foreach (var t in All) t.Dispose();
    }

    private Tensor[] All => [Labels, Boxes, Scores, Foreground, BoxIndex];
}
