using TorchSharp.Modules;
using YoloGen.Export;

namespace YoloGen.Nn;

/// <summary>ONNX: one Conv node with the batch norm folded in (fused or not), then SiLU as x · sigmoid(x).</summary>
public partial class Conv : IOnnxExportable
{
    public IReadOnlyList<string> ExportOnnx(OnnxGraph graph, IReadOnlyList<string> inputs)
    {
        string y;
        using (graph.Scope("conv")) y = graph.FoldedConv(OnnxGraph.Single(inputs, this), conv, bn);
        if (act is SiLU)
            using (graph.Scope("act")) y = graph.Silu(y);
        return [y];
    }
}
