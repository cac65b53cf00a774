using YoloGen.Export;

namespace YoloGen.Nn;

/// <summary>ONNX: x + attn(x), then x + ffn(x) (without the additions when the block has no shortcut).</summary>
public sealed partial class PSABlock : IOnnxExportable
{
    public IReadOnlyList<string> ExportOnnx(OnnxGraph graph, IReadOnlyList<string> inputs)
    {
        string x = OnnxGraph.Single(inputs, this);
        string a = graph.Export(attn, x, "attn");
        x = add ? graph.Add(x, a) : a;
        string f = graph.Export(ffn, x, "ffn");
        return [add ? graph.Add(x, f) : f];
    }
}
