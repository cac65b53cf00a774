using YoloGen.Export;

namespace YoloGen.Nn;

/// <summary>ONNX: the <c>block</c> Sequential (Conv2d + BatchNorm2d pairs folded), plus the input on a residual block (stochastic depth is the identity in eval).</summary>
public abstract partial class EfficientNetBlock : IOnnxExportable
{
    public IReadOnlyList<string> ExportOnnx(OnnxGraph graph, IReadOnlyList<string> inputs)
    {
        string x = OnnxGraph.Single(inputs, this);
        string y = graph.Export(block, x, "block");
        return [UsesResidual ? graph.Add(y, x) : y];
    }
}
