using System.Reflection;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.IO.Checkpoints;

/// <summary>
/// Describes runtime modules as the reference's Python objects: for each module its class (<c>ultralytics.nn.modules.block.C3k2</c>,
/// <c>torch.nn.modules.conv.Conv2d</c>, …) and the attributes its <c>__init__</c> sets, with parameters, buffers and
/// children in PyTorch's order. Tensors are collected into storages (float tensors in half precision, as the reference
/// saves) numbered in the order they are pickled.
/// </summary>
internal sealed class ReferenceModules
{
    private static readonly Dictionary<string, string> Classes = new(StringComparer.Ordinal)
    {
        ["Conv"] = "ultralytics.nn.modules.conv.Conv",
        ["DWConv"] = "ultralytics.nn.modules.conv.DWConv",
        ["Concat"] = "ultralytics.nn.modules.conv.Concat",
        ["C2f"] = "ultralytics.nn.modules.block.C2f",
        ["C3"] = "ultralytics.nn.modules.block.C3",
        ["C3k"] = "ultralytics.nn.modules.block.C3k",
        ["C3k2"] = "ultralytics.nn.modules.block.C3k2",
        ["Bottleneck"] = "ultralytics.nn.modules.block.Bottleneck",
        ["SPPF"] = "ultralytics.nn.modules.block.SPPF",
        ["C2PSA"] = "ultralytics.nn.modules.block.C2PSA",
        ["PSABlock"] = "ultralytics.nn.modules.block.PSABlock",
        ["Attention"] = "ultralytics.nn.modules.block.Attention",
        ["DFL"] = "ultralytics.nn.modules.block.DFL",
        ["Detect"] = "ultralytics.nn.modules.head.Detect",
        ["Upsample"] = "torch.nn.modules.upsampling.Upsample",
        ["Sequential"] = "torch.nn.modules.container.Sequential",
        ["LayerStack"] = "torch.nn.modules.container.Sequential",
        ["ModuleList"] = "torch.nn.modules.container.ModuleList",
        ["Conv2d"] = "torch.nn.modules.conv.Conv2d",
        ["BatchNorm2d"] = "torch.nn.modules.batchnorm.BatchNorm2d",
        ["MaxPool2d"] = "torch.nn.modules.pooling.MaxPool2d",
        ["SiLU"] = "torch.nn.modules.activation.SiLU",
        ["ReLU"] = "torch.nn.modules.activation.ReLU",
        ["Sigmoid"] = "torch.nn.modules.activation.Sigmoid",
        ["Identity"] = "torch.nn.modules.linear.Identity",
    };

    private readonly List<(string Key, Tensor Data)> _storages = new();

    /// <summary>The storages of every tensor described so far, in pickling order (keys "0", "1", …).</summary>
    public IReadOnlyList<(string Key, Tensor Data)> Storages => _storages;

    /// <summary>The Python class a runtime module stands for; null when the reference has no such class.</summary>
    public static string? ClassOf(nn.Module m) => Classes.GetValueOrDefault(CheckpointMatch.TorchName(m));

    /// <summary>A layer of <c>model.model</c>: the module with the bookkeeping attributes parse_model adds (<c>np</c>, <c>i</c>, <c>f</c>, <c>type</c>).</summary>
    public PyInstance Layer(nn.Module m, string path, int index, int[] from)
    {
        string cls = ClassOf(m) ?? throw Unsupported(m, path);
        object? f = from.Length == 1 ? from[0] : from.Cast<object?>().ToList();
        long np = m.parameters().Sum(p => p.numel());
        return Module(m, path, [("np", np), ("i", index), ("f", f), ("type", cls)]);
    }

    /// <summary>A module with its attributes and children (recursively).</summary>
    public PyInstance Module(nn.Module m, string path, IReadOnlyList<(string, object?)>? extra = null, IReadOnlyList<(string, object?)>? children = null)
    {
        string cls = ClassOf(m) ?? throw Unsupported(m, path);
        var parameters = m.named_parameters(recurse: false).Select(p => (p.name, (object?)Tensor(p.parameter, parameter: true, p.parameter.requires_grad))).ToList();
        if (m is Conv2d c && c.bias is null) parameters.Add(("bias", null));
        var buffers = m.named_buffers(recurse: false, include_nonpersistent: false).Select(b => (b.name, (object?)Tensor(b.buffer, parameter: false, false))).ToList();
        children ??= m.named_children().Select(ch => (ch.name, (object?)Module(ch.module, path + "." + ch.name))).ToList();
        if (m is YoloGen.Nn.Conv conv && conv.BatchNorm is null)
            throw new WeightsException($"{path}: a fused Conv (batch norm folded in) cannot be written as a reference checkpoint; write the unfused model");

        var state = new List<(string, object?)>
        {
            ("training", false),
            ("_parameters", new PyOrderedDict(parameters)),
            ("_buffers", new PyOrderedDict(buffers)),
            ("_non_persistent_buffers_set", new PyEmptySet()),
            ("_backward_hooks", new PyOrderedDict([])),
            ("_is_full_backward_hook", null),
            ("_forward_hooks", new PyOrderedDict([])),
            ("_forward_pre_hooks", new PyOrderedDict([])),
            ("_state_dict_hooks", new PyOrderedDict([])),
            ("_load_state_dict_pre_hooks", new PyOrderedDict([])),
            ("_load_state_dict_post_hooks", new PyOrderedDict([])),
            ("_modules", new PyOrderedDict(children)),
        };
        state.AddRange(Attributes(m));
        if (extra is not null) state.AddRange(extra);
        int dot = cls.LastIndexOf('.');
        return new PyInstance(cls[..dot], cls[(dot + 1)..], state);
    }

    /// <summary>A tensor in its own storage: floating point as half, integers as they are.</summary>
    public PyTensor Tensor(Tensor t, bool parameter, bool requiresGrad)
    {
        var data = t.detach().cpu();
        if (data.is_floating_point()) data = data.to(ScalarType.Float16);
        data = data.contiguous();
        string key = _storages.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _storages.Add((key, data));
        string storageClass = data.dtype switch
        {
            ScalarType.Float16 => "torch.HalfStorage",
            ScalarType.Int64 => "torch.LongStorage",
            ScalarType.Int32 => "torch.IntStorage",
            ScalarType.Bool => "torch.BoolStorage",
            ScalarType.Byte => "torch.ByteStorage",
            var other => throw new ArgumentException($"cannot store a {other} tensor"),
        };
        return new PyTensor(key, storageClass, data.numel(), data.shape, parameter, requiresGrad);
    }

    // The attributes each class's __init__ sets (as the reference's own checkpoints hold them).
    private IEnumerable<(string, object?)> Attributes(nn.Module m)
    {
        switch (m)
        {
            case Conv2d c:
                var w = c.weight!;
                long groups = c.in_channels / w.shape[1];
                var k = new PyTuple(w.shape[2], w.shape[3]);
                var pad = Pair(Field(c, "padding") ?? Prop(c, "padding"), "padding");
                return
                [
                    ("in_channels", c.in_channels), ("out_channels", c.out_channels), ("kernel_size", k),
                    ("stride", Pair(Prop(c, "stride"), "stride")), ("padding", pad), ("dilation", Pair(Prop(c, "dilation"), "dilation")),
                    ("transposed", false), ("output_padding", new PyTuple(0L, 0L)), ("groups", groups), ("padding_mode", "zeros"),
                    ("_reversed_padding_repeated_twice", new PyTuple(pad.Items[1], pad.Items[1], pad.Items[0], pad.Items[0])),
                ];
            case BatchNorm2d bn:
                return [("num_features", bn.weight!.shape[0]), ("eps", bn.eps), ("momentum", bn.momentum ?? 0.1), ("affine", true), ("track_running_stats", true)];
            case SiLU:
                return [("inplace", true)];
            case MaxPool2d:
                var mp = Pair(Prop(m, "kernel_size"), "kernel_size");
                var ms = Pair(Prop(m, "stride"), "stride");
                var mpad = Pair(Prop(m, "padding"), "padding");
                return [("kernel_size", mp.Items[0]), ("stride", ms.Items[0]), ("padding", mpad.Items[0]), ("dilation", 1L), ("return_indices", false), ("ceil_mode", false)];
            case YoloGen.Nn.Upsample:
                return [("name", "Upsample"), ("size", null), ("scale_factor", Get<double>(m, "scaleFactor")), ("mode", "nearest"), ("align_corners", null), ("recompute_scale_factor", null)];
            case YoloGen.Nn.Concat:
                return [("d", Get<long>(m, "d"))];
            case YoloGen.Nn.C2f c2f:
                return [("c", c2f.Hidden)];
            case YoloGen.Nn.C2PSA:
                return [("c", Get<long>(m, "c"))];
            case YoloGen.Nn.Bottleneck or YoloGen.Nn.PSABlock:
                return [("add", Get<bool>(m, "add"))];
            case YoloGen.Nn.SPPF:
                return [("n", 3L), ("add", false)];
            case YoloGen.Nn.Attention:
                return [("num_heads", Get<long>(m, "numHeads")), ("head_dim", Get<long>(m, "headDim")), ("key_dim", Get<long>(m, "keyDim")), ("scale", Get<double>(m, "scale"))];
            case YoloGen.Nn.DFL:
                return [("c1", Get<long>(m, "c1"))];
            case YoloGen.Nn.Detect d:
                var stride = torch.tensor(d.Strides.Select(s => (float)s).ToArray());
                return
                [
                    ("nc", (long)d.Nc), ("nl", (long)d.Strides.Length), ("reg_max", (long)d.RegMax), ("no", (long)d.NumOutputs),
                    ("stride", Tensor(stride, false, false)), ("inplace", true),
                    ("anchors", Tensor(torch.empty(0), false, false)), ("strides", Tensor(torch.empty(0), false, false)),
                ];
            default:
                return [];
        }
    }

    private static WeightsException Unsupported(nn.Module m, string path) =>
        new($"{path}: module {m.GetType().Name} has no class in the reference; this network cannot be written as an Ultralytics checkpoint");

    private static T Get<T>(object o, string field) => (T)(Field(o, field) ?? throw new InvalidOperationException($"{o.GetType().Name}.{field} not found"));

    private static object? Field(object o, string name)
    {
        for (var t = o.GetType(); t is not null; t = t.BaseType)
        {
            var f = t.GetField(name, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly);
            if (f is not null) return f.GetValue(o);
        }
        return null;
    }

    private static object? Prop(object o, string name) =>
        o.GetType().GetProperty(name, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)?.GetValue(o);

    /// <summary>A TorchSharp size argument (a number, an array or a tuple) as a Python pair.</summary>
    private static PyTuple Pair(object? v, string what) => v switch
    {
        long l => new PyTuple(l, l),
        int i => new PyTuple((long)i, (long)i),
        long[] a when a.Length == 1 => new PyTuple(a[0], a[0]),
        long[] a when a.Length >= 2 => new PyTuple(a[0], a[1]),
        ValueTuple<long, long> t => new PyTuple(t.Item1, t.Item2),
        _ => throw new InvalidOperationException($"cannot read {what} from {v?.GetType().Name ?? "null"}"),
    };
}
