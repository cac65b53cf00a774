using YoloGen.Export;

namespace YoloGen.Nn;

/// <summary>
/// ONNX: qkv, Reshape to (B, heads, 2·key_dim + head_dim, H·W), Split into q, k, v, softmax(qᵀk · scale), v·attnᵀ
/// reshaped to the input's shape plus pe(v), proj. The shapes come from the input, so batch and size may vary.
/// </summary>
public sealed partial class Attention : IOnnxExportable
{
    public IReadOnlyList<string> ExportOnnx(OnnxGraph graph, IReadOnlyList<string> inputs)
    {
        string x = OnnxGraph.Single(inputs, this);
        string heads = graph.Reshape(graph.Export(qkv, x, "qkv"), 0, numHeads, keyDim * 2 + headDim, -1);
        var parts = graph.Split(heads, 2, keyDim, keyDim, headDim);
        string scores = graph.Mul(graph.MatMul(graph.Transpose(parts[0], 0, 1, 3, 2), parts[1]), graph.FloatScalar((float)scale));
        string attn = graph.Softmax(scores, -1);
        string shape = graph.Shape(x);
        string y = graph.Reshape(graph.MatMul(parts[2], graph.Transpose(attn, 0, 1, 3, 2)), shape);
        string position = graph.Export(pe, graph.Reshape(parts[2], shape), "pe");
        return [graph.Export(proj, graph.Add(y, position), "proj")];
    }
}
