using YoloGen.Export;

namespace YoloGen.Nn;

/// <summary>ONNX: ReduceMean over H, W → fc (MatMul, Relu, MatMul, Sigmoid) → Reshape (B, C, 1, 1) → Mul.</summary>
public sealed partial class SE : IOnnxExportable
{
    public IReadOnlyList<string> ExportOnnx(OnnxGraph graph, IReadOnlyList<string> inputs)
    {
        string x = OnnxGraph.Single(inputs, this);
        string s = graph.Export(fc, graph.ReduceMean(x, [2, 3], keepDims: false), "fc");
        return [graph.Mul(x, graph.Reshape(s, 0, -1, 1, 1))];
    }
}
