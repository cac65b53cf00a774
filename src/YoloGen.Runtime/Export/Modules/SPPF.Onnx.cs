using YoloGen.Export;

namespace YoloGen.Nn;

/// <summary>ONNX: cv1, three chained MaxPool nodes, Concat of the four maps, cv2.</summary>
public sealed partial class SPPF : IOnnxExportable
{
    public IReadOnlyList<string> ExportOnnx(OnnxGraph graph, IReadOnlyList<string> inputs)
    {
        var y = new string[4];
        y[0] = graph.Export(cv1, OnnxGraph.Single(inputs, this), "cv1");
        for (int i = 1; i < 4; i++) y[i] = graph.Export(m, y[i - 1], "m");
        return [graph.Export(cv2, graph.Concat(y, 1), "cv2")];
    }
}
