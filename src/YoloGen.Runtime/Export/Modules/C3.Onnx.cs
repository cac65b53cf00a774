using YoloGen.Export;

namespace YoloGen.Nn;

/// <summary>ONNX: cv3(Concat(m(cv1(x)), cv2(x))) (C3k too).</summary>
public partial class C3 : IOnnxExportable
{
    public IReadOnlyList<string> ExportOnnx(OnnxGraph graph, IReadOnlyList<string> inputs)
    {
        string x = OnnxGraph.Single(inputs, this);
        string a = graph.Export(m, graph.Export(cv1, x, "cv1"), "m");
        string b = graph.Export(cv2, x, "cv2");
        return [graph.Export(cv3, graph.Concat([a, b], 1), "cv3")];
    }
}
