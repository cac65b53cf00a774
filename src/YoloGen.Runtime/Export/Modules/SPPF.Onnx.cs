using YoloGen.Export;

namespace YoloGen.Nn;

/// <summary>ONNX: cv1, n chained MaxPool nodes, Concat of the n + 1 maps, cv2, plus the input when the block adds it.</summary>
public sealed partial class SPPF : IOnnxExportable
{
    public IReadOnlyList<string> ExportOnnx(OnnxGraph graph, IReadOnlyList<string> inputs)
    {
        string x = OnnxGraph.Single(inputs, this);
        var y = new string[n + 1];
        y[0] = graph.Export(cv1, x, "cv1");
        for (int i = 1; i <= n; i++) y[i] = graph.Export(m, y[i - 1], "m");
        string output = graph.Export(cv2, graph.Concat(y, 1), "cv2");
        return [add ? graph.Add(x, output) : output];
    }
}
