using YoloGen.Export;

namespace YoloGen.Nn;

/// <summary>ONNX: cv1, Split into two halves, each block of <c>m</c> on the last part, Concat, cv2 (C3k2 too).</summary>
public partial class C2f : IOnnxExportable
{
    public IReadOnlyList<string> ExportOnnx(OnnxGraph graph, IReadOnlyList<string> inputs)
    {
        string hidden = graph.Export(cv1, OnnxGraph.Single(inputs, this), "cv1");
        var y = new List<string>(graph.Split(hidden, 1, Hidden, Hidden));
        for (int i = 0; i < m.Count; i++) y.Add(graph.Export(m[i], y[^1], "m." + i));
        return [graph.Export(cv2, graph.Concat(y, 1), "cv2")];
    }
}
