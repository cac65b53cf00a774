using YoloGen.Export;

namespace YoloGen.Nn;

/// <summary>ONNX: (B, 4·c1, A) → Reshape (B, 4, c1, A) → Transpose → Softmax over the bins → the frozen 1×1 Conv → (B, 4, A).</summary>
public sealed partial class DFL : IOnnxExportable
{
    public IReadOnlyList<string> ExportOnnx(OnnxGraph graph, IReadOnlyList<string> inputs)
    {
        string bins = graph.Transpose(graph.Reshape(OnnxGraph.Single(inputs, this), 0, 4, c1, -1), 0, 2, 1, 3);
        string expectation;
        using (graph.Scope("conv")) expectation = graph.FoldedConv(graph.Softmax(bins, 1), conv, null);
        return [graph.Reshape(expectation, 0, 4, -1)];
    }
}
