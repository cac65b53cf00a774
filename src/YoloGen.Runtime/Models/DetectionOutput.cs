using static TorchSharp.torch;

namespace YoloGen.Models;

/// <summary>
/// What a detection network returns. <see cref="Raw"/> holds the one-to-many head maps per level
/// (B, 4·reg_max + nc, H/s, W/s); an end-to-end head also fills <see cref="OneToOne"/> with its one-to-one maps.
/// In train mode <see cref="Predictions"/> is null. In eval mode it holds the decoded output: (B, 4 + nc, anchors) —
/// box centre x, centre y, width, height in input pixels, then sigmoid class scores — or, for an end-to-end head,
/// (B, 300, 6) rows x1, y1, x2, y2, score, class in descending score, which need no NMS (<see cref="IsEndToEnd"/>).
/// </summary>
public sealed class DetectionOutput : IDisposable
{
    public DetectionOutput(Tensor? predictions, Tensor[] raw, Tensor[]? oneToOne = null)
    {
        Predictions = predictions;
        Raw = raw;
        OneToOne = oneToOne;
    }

    public Tensor? Predictions { get; }

    public Tensor[] Raw { get; }

    /// <summary>The one-to-one branch's maps per level (end-to-end heads), else null.</summary>
    public Tensor[]? OneToOne { get; }

    /// <summary>Whether <see cref="Predictions"/> are final top-k rows (x1, y1, x2, y2, score, class) rather than anchors to suppress.</summary>
    public bool IsEndToEnd => OneToOne is not null;

    /// <summary>Every tensor of the output (for releasing and moving).</summary>
    public IEnumerable<Tensor> Tensors =>
        (Predictions is null ? [] : new[] { Predictions }).Concat(Raw).Concat(OneToOne ?? []);

    /// <summary>Moves every tensor to the enclosing dispose scope's parent (see <c>DisposeScope.MoveToOuter</c>).</summary>
    public DetectionOutput MoveToOuterDisposeScope()
    {
        foreach (var t in Tensors) t.MoveToOuterDisposeScope();
        return this;
    }

    public void Dispose()
    {
        foreach (var t in Tensors) t.Dispose();
    }
}
