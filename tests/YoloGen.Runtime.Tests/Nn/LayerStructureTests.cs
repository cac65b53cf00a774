using TorchSharp;
using YoloGen.IO;
using Xunit;

namespace YoloGen.Runtime.Tests.Nn;

/// <summary>
/// Every layer of the reference models, built standalone from its golden constructor arguments, has the reference's
/// parameter count and exactly its state dict: same names, same order, same shapes, same dtypes.
/// </summary>
public class LayerStructureTests
{
    public static TheoryData<string, int> Layers()
    {
        var data = new TheoryData<string, int>();
        foreach (var model in new[] { "yolo11n", "yolo11m", "yolo11l", "yolo11n-se", "yolo11n-simam", "yolov8n" })
            foreach (var layer in GoldenModel.Load(model).Layers)
                data.Add(model, layer.Index);
        return data;
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void Layer_matches_reference_state_dict_and_params(string model, int index)
    {
        var golden = GoldenModel.Load(model);
        var layer = golden.Layers[index];
        using var module = GoldenLayerFactory.Build(layer, golden.Strides);

        GoldenStateDict.AssertEqual(layer, module);
    }
}
