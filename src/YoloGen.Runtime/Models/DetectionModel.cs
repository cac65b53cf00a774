using TorchSharp;
using YoloGen.Nn;
using static TorchSharp.torch;

namespace YoloGen.Models;

/// <summary>
/// Base class of every generated detection network. Generated subclasses construct their layers in the
/// constructor, add them to <see cref="Model"/> in index order and implement a typed <c>forward</c>.
/// </summary>
public abstract class DetectionModel : nn.Module<Tensor, DetectionOutput>
{
    protected DetectionModel(string name, int nc) : base(name)
    {
        ModelName = name;
        NumClasses = nc;
        Model = new LayerStack();
        register_module("model", Model);
    }

    /// <summary>Reference-style model name, e.g. <c>yolo11n</c> or <c>yolo11n-se</c>.</summary>
    public string ModelName { get; }

    public int NumClasses { get; }

    /// <summary>The layer container; state-dict keys start with <c>model.&lt;index&gt;.</c>.</summary>
    public LayerStack Model { get; }

    /// <summary>The detection head (last layer).</summary>
    public abstract Detect Head { get; }

    /// <summary>The build-time layer table (what <c>yologen info</c> prints).</summary>
    public abstract IReadOnlyList<LayerInfo> LayerInfos { get; }

    /// <summary>Strides of the head's input levels, known at build time (e.g. 8, 16, 32).</summary>
    public IReadOnlyList<int> Strides => Head.Strides;

    /// <summary>
    /// Folds every batch norm into the convolution before it (the reference's <c>model.fuse()</c>), for inference:
    /// eval outputs are unchanged up to rounding; a fused model is for inference only. Idempotent. Returns the
    /// number of fusable modules (<see cref="IFusable"/>) visited; the train/eval mode is left as it was.
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
    /// unchanged (<paramref name="result"/>: a tensor, tensors or a <see cref="DetectionOutput"/>; null when the
    /// outputs have no consumer) is kept.
    /// </summary>
    protected static void Release(object? result, params Tensor[] used)
    {
        foreach (var tensor in used)
        {
            bool returned = result switch
            {
                Tensor t => ReferenceEquals(t, tensor),
                Tensor[] ts => Array.Exists(ts, t => ReferenceEquals(t, tensor)),
                DetectionOutput o => ReferenceEquals(o.Predictions, tensor) || Array.Exists(o.Raw, t => ReferenceEquals(t, tensor)),
                _ => false,
            };
            if (!returned) tensor.Dispose();
        }
    }
}
