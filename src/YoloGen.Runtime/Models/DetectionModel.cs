using YoloGen.Nn;

namespace YoloGen.Models;

/// <summary>
/// Base class of every generated detection network. Generated subclasses construct their layers in the
/// constructor, add them to <see cref="YoloModel{TOutput}.Model"/> in index order and implement a typed <c>forward</c>.
/// </summary>
public abstract class DetectionModel : YoloModel<DetectionOutput>
{
    protected DetectionModel(string name, int nc) : this(name, nc, ReferenceRules.V8_3) { }

    protected DetectionModel(string name, int nc, ReferenceRules reference, string? modelFile = null) : base(name, nc, reference, modelFile) { }

    public override YoloTask Task => YoloTask.Detect;

    /// <summary>The detection head (last layer).</summary>
    public abstract Detect Head { get; }

    /// <summary>Strides of the head's input levels, known at build time (e.g. 8, 16, 32).</summary>
    public IReadOnlyList<int> Strides => Head.Strides;

    /// <summary>Whether the head is end-to-end: eval predictions are final rows, not anchors for NMS.</summary>
    public bool IsEndToEnd => Head.EndToEnd;
}
