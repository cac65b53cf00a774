using TorchSharp;
using YoloGen.Nn;
using static TorchSharp.torch;

namespace YoloGen.Models;

/// <summary>What a network of a model file is trained and evaluated for (the reference's task map).</summary>
public enum YoloTask
{
    Detect,
    Segment,
    Pose,
    Obb,
    Classify,
}

/// <summary>
/// Base of every generated network, whatever its task: the layer container whose state-dict keys start with
/// <c>model.&lt;index&gt;.</c>, the build-time layer table, the reference rules it was built with, and what every
/// task shares for inference (fusing, channels-last, releasing intermediates). Task bases (<see cref="DetectionModel"/>,
/// …) add their head and typed output.
/// </summary>
public abstract class YoloModel<TOutput> : nn.Module<Tensor, TOutput>
{
    protected YoloModel(string name, int nc, ReferenceRules reference, string? modelFile = null) : base(name)
    {
        ModelName = name;
        ModelFile = modelFile;
        NumClasses = nc;
        Reference = reference;
        Model = new LayerStack();
        register_module("model", Model);
    }

    /// <summary>Reference-style model name, e.g. <c>yolo11n</c> or <c>yolo11n-se</c>.</summary>
    public string ModelName { get; }

    public int NumClasses { get; }

    /// <summary>The model file the network was generated from (e.g. <c>yolov8.yaml</c>); null for hand-written networks.</summary>
    public string? ModelFile { get; }

    /// <summary>The Ultralytics rules the network was built with (its constructor's <c>reference</c>).</summary>
    public ReferenceRules Reference { get; }

    /// <summary>The task of the head.</summary>
    public abstract YoloTask Task { get; }

    /// <summary>The layer container; state-dict keys start with <c>model.&lt;index&gt;.</c>.</summary>
    public LayerStack Model { get; }

    /// <summary>The build-time layer table (what <c>yologen info</c> prints).</summary>
    public abstract IReadOnlyList<LayerInfo> LayerInfos { get; }

    /// <summary>
    /// Folds every batch norm into the convolution before it and re-parameterises multi-branch blocks (the reference's
    /// <c>model.fuse()</c>), for inference: eval outputs are unchanged up to rounding; a fused model is for inference
    /// only. Idempotent. Returns the number of fusable modules (<see cref="IFusable"/>) visited; the train/eval mode
    /// is left as it was.
    /// </summary>
    public int Fuse() => ModuleFusion.Fuse(this);

    /// <summary>
    /// Stores every convolution weight channels-last (NHWC strides, the layout oneDNN convolves without reordering).
    /// libtorch then produces channels-last outputs from the first convolution on, whatever the input's layout, and
    /// keeps that layout through the network; outputs are unchanged up to rounding. For inference: the parameters
    /// are replaced, so an optimizer built earlier would no longer see them. Returns the number of weights converted.
    /// </summary>
    public int ToChannelsLast()
    {
        int count = 0;
        using var noGrad = no_grad();
        foreach (var conv in modules().OfType<TorchSharp.Modules.Conv2d>().Distinct())
        {
            var w = conv.weight!;
            if (w.dim() != 4) continue;
            var nhwc = w.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
            conv.weight = new TorchSharp.Modules.Parameter(nhwc, requires_grad: w.requires_grad);
            count++;
        }
        return count;
    }

    /// <summary>
    /// Called by generated forwards in eval mode right after the last consumer of the layer outputs
    /// <paramref name="used"/>: disposes them now rather than when the caller's dispose scope ends (or the GC runs),
    /// so the forward's peak memory is the outputs still needed, not every layer's. An output the consumer returned
    /// unchanged (<paramref name="result"/>: a tensor, tensors or a task output; null when the outputs have no
    /// consumer) is kept.
    /// </summary>
    protected static void Release(object? result, params Tensor[] used)
    {
        foreach (var tensor in used)
        {
            bool returned = result switch
            {
                Tensor t => ReferenceEquals(t, tensor),
                Tensor[] ts => Array.Exists(ts, t => ReferenceEquals(t, tensor)),
                DetectionOutput o => o.Tensors.Any(t => ReferenceEquals(t, tensor)),
                _ => false,
            };
            if (!returned) tensor.Dispose();
        }
    }
}
