using YoloGen.Export;

namespace YoloGen.Nn;

/// <summary>ONNX: GlobalAveragePool → fc1 → SiLU → fc2 → Sigmoid → Mul with the input.</summary>
public sealed partial class SqueezeExcitation : IOnnxExportable
{
    public IReadOnlyList<string> ExportOnnx(OnnxGraph graph, IReadOnlyList<string> inputs)
    {
        string x = OnnxGraph.Single(inputs, this);
        string s = graph.Export(fc1, graph.GlobalAveragePool(x), "fc1");
        s = graph.Sigmoid(graph.Export(fc2, graph.Silu(s), "fc2"));
        return [graph.Mul(x, s)];
    }
}
