using YoloGen.Export;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>ONNX: Resize by the scale factor on H and W, with the coordinate convention of PyTorch's interpolate.</summary>
public sealed partial class Upsample : IOnnxExportable
{
    public IReadOnlyList<string> ExportOnnx(OnnxGraph graph, IReadOnlyList<string> inputs)
    {
        if (size is not null)
            throw new OnnxExportException($"Upsample to a fixed size ({size}) is not exportable; only a scale factor is");
        string name = mode switch
        {
            InterpolationMode.Nearest => "nearest",
            InterpolationMode.NearestExact => "nearest-exact",
            InterpolationMode.Bilinear => "bilinear",
            _ => "bicubic",
        };
        float s = (float)scaleFactor;
        return [graph.Resize(OnnxGraph.Single(inputs, this), [1f, 1f, s, s], name)];
    }
}
