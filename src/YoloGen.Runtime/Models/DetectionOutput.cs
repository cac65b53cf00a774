using static TorchSharp.torch;

namespace YoloGen.Models;

/// <summary>
/// What a detection network returns. In eval mode <see cref="Predictions"/> holds the decoded output
/// (B, 4 + nc, anchors): box centre x, centre y, width, height in input pixels, then sigmoid class scores.
/// In train mode it is null. <see cref="Raw"/> always holds the per-level head maps (B, 4·reg_max + nc, H/s, W/s).
/// </summary>
public sealed class DetectionOutput : IDisposable
{
    public DetectionOutput(Tensor? predictions, Tensor[] raw)
    {
        Predictions = predictions;
        Raw = raw;
    }

    public Tensor? Predictions { get; }

    public Tensor[] Raw { get; }

    /// <summary>Moves every tensor to the enclosing dispose scope's parent (see <c>DisposeScope.MoveToOuter</c>).</summary>
    public DetectionOutput MoveToOuterDisposeScope()
    {
        Predictions?.MoveToOuterDisposeScope();
        foreach (var r in Raw) r.MoveToOuterDisposeScope();
        return this;
    }

    public void Dispose()
    {
        Predictions?.Dispose();
        foreach (var r in Raw) r.Dispose();
    }
}
