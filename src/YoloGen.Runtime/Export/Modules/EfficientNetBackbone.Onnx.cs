using YoloGen.Export;

namespace YoloGen.Nn;

/// <summary>ONNX: the <c>features</c> stages in order; the outputs are the maps after the P1…P5 indices.</summary>
public abstract partial class EfficientNetBackbone : IOnnxExportable
{
    public IReadOnlyList<string> ExportOnnx(OnnxGraph graph, IReadOnlyList<string> inputs)
    {
        var outputs = new string[_outputIndices.Length];
        string x = OnnxGraph.Single(inputs, this);
        for (int i = 0, k = 0; i < features.Count && k < outputs.Length; i++)
        {
            x = graph.Export(features[i], x, "features." + i);
            if (i == _outputIndices[k]) outputs[k++] = x;
        }
        return outputs;
    }
}
