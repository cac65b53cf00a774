using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.Export;

/// <summary>One method per ONNX operator the blocks use, each writing the form valid across <see cref="MinOpset"/>…<see cref="MaxOpset"/>.</summary>
public sealed partial class OnnxGraph
{
    /// <summary>A 2-D convolution with the module's stride, padding, dilation and groups and the given weight and bias.</summary>
    public string Conv(string x, Conv2d conv, Tensor weight, Tensor? bias)
    {
        if (conv.padding is not { } padding)
            throw new OnnxExportException("a Conv2d with 'same'/'valid' padding has no explicit pads to export");
        if (conv.padding_mode != TorchSharp.PaddingModes.Zeros)
            throw new OnnxExportException($"a Conv2d with padding mode {conv.padding_mode} is not exportable (zeros only)");
        var inputs = new List<string> { x, Initializer(weight, "weight") };
        if (bias is not null) inputs.Add(Initializer(bias, "bias"));
        return Node("Conv", inputs,
            OnnxAttribute.Ints("dilations", conv.dilation),
            OnnxAttribute.Int("group", conv.groups),
            OnnxAttribute.Ints("kernel_shape", conv.kernel_size),
            OnnxAttribute.Ints("pads", [.. padding, .. padding]),
            OnnxAttribute.Ints("strides", conv.stride));
    }

    public string Sigmoid(string x) => Node("Sigmoid", [x]);

    public string Relu(string x) => Node("Relu", [x]);

    /// <summary>SiLU as x · sigmoid(x) (no SiLU operator below opset 24).</summary>
    public string Silu(string x) => Mul(x, Sigmoid(x));

    public string Add(string a, string b) => Node("Add", [a, b]);

    public string Sub(string a, string b) => Node("Sub", [a, b]);

    public string Mul(string a, string b) => Node("Mul", [a, b]);

    public string Div(string a, string b) => Node("Div", [a, b]);

    public string MatMul(string a, string b) => Node("MatMul", [a, b]);

    public string Concat(IReadOnlyList<string> inputs, long axis) =>
        inputs.Count == 1 ? inputs[0] : Node("Concat", inputs, OnnxAttribute.Int("axis", axis));

    /// <summary>Splits along <paramref name="axis"/> into parts of the given sizes.</summary>
    public string[] Split(string x, long axis, params long[] sizes) =>
        Node("Split", [x, Int64s(sizes)], sizes.Length, OnnxAttribute.Int("axis", axis));

    /// <summary>Reshape to a constant shape (0 copies the input's dimension, −1 is inferred).</summary>
    public string Reshape(string x, params long[] shape) => Node("Reshape", [x, Int64s(shape)]);

    /// <summary>Reshape to a shape computed in the graph.</summary>
    public string Reshape(string x, string shape) => Node("Reshape", [x, shape]);

    public string Shape(string x) => Node("Shape", [x]);

    public string Transpose(string x, params long[] perm) => Node("Transpose", [x], OnnxAttribute.Ints("perm", perm));

    public string Softmax(string x, long axis) => Node("Softmax", [x], OnnxAttribute.Int("axis", axis));

    public string MaxPool(string x, long[] kernel, long[] stride, long[] padding, long[] dilation, bool ceilMode) =>
        Node("MaxPool", [x],
            OnnxAttribute.Int("ceil_mode", ceilMode ? 1 : 0),
            OnnxAttribute.Ints("dilations", dilation),
            OnnxAttribute.Ints("kernel_shape", kernel),
            OnnxAttribute.Ints("pads", [.. padding, .. padding]),
            OnnxAttribute.Ints("strides", stride));

    public string GlobalAveragePool(string x) => Node("GlobalAveragePool", [x]);

    /// <summary>Mean over <paramref name="axes"/> (an attribute before opset 18, an input from 18 on).</summary>
    public string ReduceMean(string x, long[] axes, bool keepDims) =>
        Opset >= 18
            ? Node("ReduceMean", [x, Int64s(axes)], OnnxAttribute.Int("keepdims", keepDims ? 1 : 0))
            : Node("ReduceMean", [x], OnnxAttribute.Ints("axes", axes), OnnxAttribute.Int("keepdims", keepDims ? 1 : 0));

    /// <summary>Sum over <paramref name="axes"/> (an input from opset 13 on).</summary>
    public string ReduceSum(string x, long[] axes, bool keepDims) =>
        Node("ReduceSum", [x, Int64s(axes)], OnnxAttribute.Int("keepdims", keepDims ? 1 : 0));

    /// <summary>Nearest or linear resize by per-axis scales, with PyTorch's <c>interpolate</c> coordinate conventions.</summary>
    public string Resize(string x, float[] scales, string mode)
    {
        var attributes = new List<OnnxAttribute>
        {
            OnnxAttribute.String("coordinate_transformation_mode", mode == "nearest" ? "asymmetric" : mode == "nearest-exact" ? "half_pixel" : "pytorch_half_pixel"),
            OnnxAttribute.String("mode", mode.StartsWith("nearest", StringComparison.Ordinal) ? "nearest" : mode == "bicubic" ? "cubic" : "linear"),
        };
        if (mode == "nearest") attributes.Add(OnnxAttribute.String("nearest_mode", "floor"));
        if (mode == "nearest-exact") attributes.Add(OnnxAttribute.String("nearest_mode", "round_prefer_ceil"));
        if (mode == "bicubic") attributes.Add(OnnxAttribute.Float("cubic_coeff_a", -0.75f));
        return Node("Resize", [x, "", Floats(scales)], attributes.ToArray());
    }

    /// <summary>Element <paramref name="index"/> of a 1-D tensor, as a scalar.</summary>
    public string Gather(string x, long index) => Node("Gather", [x, Int64Scalar(index)], OnnxAttribute.Int("axis", 0));

    /// <summary>0, 1, …, limit − 1 (a scalar int64 value) as float32 plus <paramref name="offset"/>.</summary>
    public string ArangeFloat(string limit, float offset)
    {
        var range = Node("Range", [Int64Scalar(0), limit, Int64Scalar(1)]);
        return Add(CastFloat(range), FloatScalar(offset));
    }

    /// <summary>Broadcasts to a shape computed in the graph.</summary>
    public string Expand(string x, string shape) => Node("Expand", [x, shape]);

    public string Identity(string x) => Node("Identity", [x]);

    /// <summary>Elements [start, end) of a 1-D tensor (a shape, say).</summary>
    public string Slice(string x, long start, long end) => Node("Slice", [x, Int64s(start), Int64s(end), Int64s(0)]);

    /// <summary>Converts to float32.</summary>
    public string CastFloat(string x) => Node("Cast", [x], OnnxAttribute.Int("to", (int)YoloGen.Export.Proto.TensorProto.Types.DataType.Float));
}
