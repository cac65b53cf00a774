using YoloGen.Export;

namespace YoloGen.Nn;

/// <summary>ONNX: cv1, Split into halves a and b, the PSA blocks on b, cv2(Concat(a, b)).</summary>
public sealed partial class C2PSA : IOnnxExportable
{
    public IReadOnlyList<string> ExportOnnx(OnnxGraph graph, IReadOnlyList<string> inputs)
    {
        var ab = graph.Split(graph.Export(cv1, OnnxGraph.Single(inputs, this), "cv1"), 1, c, c);
        string b = graph.Export(m, ab[1], "m");
        return [graph.Export(cv2, graph.Concat([ab[0], b], 1), "cv2")];
    }
}
