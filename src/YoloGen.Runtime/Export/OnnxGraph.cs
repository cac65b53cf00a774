using System.Globalization;
using Google.Protobuf;
using YoloGen.Export.Proto;
using static TorchSharp.torch;

namespace YoloGen.Export;

/// <summary>
/// The graph being exported: nodes, initializers and value names, over the ONNX protobuf model. The vocabulary is
/// the format's own helper's (a node, a tensor, an attribute) plus one method per operator the blocks use
/// (<c>OnnxGraph.Operators.cs</c>). Names follow the module tree: <see cref="Scope"/> pushes a child's name, so the
/// first convolution of layer 2 is node <c>/model.2/cv1/conv/Conv</c> with weight <c>model.2.cv1.conv.weight</c>.
/// </summary>
public sealed partial class OnnxGraph
{
    /// <summary>The operator set range written and tested: 13 (Split/Unsqueeze/ReduceSum take their axes as inputs) to 21.</summary>
    public const int MinOpset = 13, MaxOpset = 21;

    private readonly List<string> _scopes = new();
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public OnnxGraph(int opset, bool dynamic = false)
    {
        if (opset is < MinOpset or > MaxOpset)
            throw new OnnxExportException($"opset {opset} is not supported; the exporter writes opsets {MinOpset} to {MaxOpset}");
        Opset = opset;
        Dynamic = dynamic;
    }

    /// <summary>The default ONNX operator set version written.</summary>
    public int Opset { get; }

    /// <summary>Whether batch and image size are left free (shape-dependent values are then computed in the graph).</summary>
    public bool Dynamic { get; }

    internal GraphProto Proto { get; } = new() { Name = "main_graph" };

    /// <summary>Names the nodes and initializers added until the returned handle is disposed after a child module.</summary>
    public IDisposable Scope(string name)
    {
        _scopes.Add(name);
        return new PopScope(_scopes);
    }

    /// <summary>Adds a node of the default domain with <paramref name="outputs"/> outputs and returns their names.</summary>
    public string[] Node(string opType, IReadOnlyList<string> inputs, int outputs, params OnnxAttribute[] attributes)
    {
        string path = "/" + string.Join("/", _scopes);
        string name = Unique(path.Length > 1 ? $"{path}/{opType}" : "/" + opType);
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.AddRange(inputs);
        for (int k = 0; k < outputs; k++) node.Output.Add(Unique($"{name}_output_{k}"));
        foreach (var a in attributes) node.Attribute.Add(a.Proto);
        Proto.Node.Add(node);
        return node.Output.ToArray();
    }

    /// <summary>A node with one output.</summary>
    public string Node(string opType, IReadOnlyList<string> inputs, params OnnxAttribute[] attributes) =>
        Node(opType, inputs, 1, attributes)[0];

    /// <summary>Stores a float tensor as an initializer named after the current scope and <paramref name="suffix"/>.</summary>
    public string Initializer(Tensor tensor, string suffix)
    {
        using var data = tensor.detach().to(ScalarType.Float32).cpu().contiguous();
        var proto = new TensorProto { Name = Unique(string.Join(".", _scopes.Append(suffix))), DataType = (int)TensorProto.Types.DataType.Float };
        proto.Dims.AddRange(data.shape);
        proto.RawData = ByteString.CopyFrom(data.bytes);
        Proto.Initializer.Add(proto);
        return proto.Name;
    }

    /// <summary>A constant int64 vector (shapes, axes, split sizes, indices).</summary>
    public string Int64s(params long[] values) => Int64Tensor(values, [values.Length]);

    /// <summary>A constant int64 scalar.</summary>
    public string Int64Scalar(long value) => Int64Tensor([value], []);

    /// <summary>A constant float32 scalar.</summary>
    public string FloatScalar(float value)
    {
        var proto = new TensorProto { Name = Unique(ConstantName()), DataType = (int)TensorProto.Types.DataType.Float };
        proto.FloatData.Add(value);
        Proto.Initializer.Add(proto);
        return proto.Name;
    }

    /// <summary>A constant float32 vector.</summary>
    public string Floats(params float[] values)
    {
        var proto = new TensorProto { Name = Unique(ConstantName()), DataType = (int)TensorProto.Types.DataType.Float };
        proto.Dims.Add(values.Length);
        proto.FloatData.AddRange(values);
        Proto.Initializer.Add(proto);
        return proto.Name;
    }

    private string Int64Tensor(long[] values, long[] dims)
    {
        var proto = new TensorProto { Name = Unique(ConstantName()), DataType = (int)TensorProto.Types.DataType.Int64 };
        proto.Dims.AddRange(dims);
        proto.Int64Data.AddRange(values);
        Proto.Initializer.Add(proto);
        return proto.Name;
    }

    private string ConstantName() => string.Join(".", _scopes.Append("const"));

    /// <summary>Declares a float graph input or output; null dimensions become the given symbolic names.</summary>
    internal static ValueInfoProto Value(string name, int elementType, IReadOnlyList<(long? Size, string Symbol)> dims)
    {
        var shape = new TensorShapeProto();
        foreach (var (size, symbol) in dims)
            shape.Dim.Add(size is long s ? new TensorShapeProto.Types.Dimension { DimValue = s } : new TensorShapeProto.Types.Dimension { DimParam = symbol });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = elementType, Shape = shape } },
        };
    }

    /// <summary>Keeps a name (the graph's input and output) from being given to a node's output.</summary>
    internal void Reserve(string name) => _names.Add(name);

    private string Unique(string name)
    {
        if (_names.Add(name)) return name;
        for (int k = 1; ; k++)
        {
            string candidate = name + "_" + k.ToString(CultureInfo.InvariantCulture);
            if (_names.Add(candidate)) return candidate;
        }
    }

    private sealed class PopScope(List<string> scopes) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            scopes.RemoveAt(scopes.Count - 1);
        }
    }
}
