using YoloGen.Export;

namespace YoloGen.Nn;

/// <summary>ONNX: cv1 → cv2, plus the input when the block has a shortcut.</summary>
public partial class Bottleneck : IOnnxExportable
{
    public IReadOnlyList<string> ExportOnnx(OnnxGraph graph, IReadOnlyList<string> inputs)
    {
        string x = OnnxGraph.Single(inputs, this);
        string y = graph.Export(cv2, graph.Export(cv1, x, "cv1"), "cv2");
        return [add ? graph.Add(x, y) : y];
    }
}
