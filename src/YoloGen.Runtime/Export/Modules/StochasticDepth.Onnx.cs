using YoloGen.Export;

namespace YoloGen.Nn;

/// <summary>ONNX: the identity (the eval form writes no node).</summary>
public sealed partial class StochasticDepth : IOnnxExportable
{
    public IReadOnlyList<string> ExportOnnx(OnnxGraph graph, IReadOnlyList<string> inputs) => [OnnxGraph.Single(inputs, this)];
}
