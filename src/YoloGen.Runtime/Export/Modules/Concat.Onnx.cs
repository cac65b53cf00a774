using YoloGen.Export;

namespace YoloGen.Nn;

/// <summary>ONNX: one Concat node along the module's dimension.</summary>
public sealed partial class Concat : IOnnxExportable
{
    public IReadOnlyList<string> ExportOnnx(OnnxGraph graph, IReadOnlyList<string> inputs) => [graph.Concat(inputs, d)];
}
