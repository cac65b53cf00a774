using YoloGen.Models;
using Xunit;

namespace YoloGen.Runtime.Tests.Models;

/// <summary>
/// Every layer of the generated networks holds the reference's number of parameters (the sum over the module
/// registered under that index in <see cref="DetectionModel.Model"/>), and the totals add up.
/// </summary>
public class GeneratedLayerParameterTests
{
    public static TheoryData<string> Models() => new() { "yolo11n", "yolo11s", "yolo11m", "yolo11l", "yolo11x", "yolo11n-se", "yolo11n-simam" };

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_layer_has_the_reference_parameter_count(string name)
    {
        var golden = GoldenModel.Load(name);
        using var model = YoloModels.Create(name);

        var perLayer = model.Model.Layers.ToDictionary(l => l.Index, l => l.Module.parameters().Sum(p => p.numel()));
        var expected = golden.Layers.Select(l => $"{l.Index}: {l.Params}");
        var actual = golden.Layers.Select(l => $"{l.Index}: {perLayer.GetValueOrDefault(l.Index)}");
        Assert.Equal(expected, actual);
        Assert.Equal(golden.TotalParams, perLayer.Values.Sum());
    }
}
