using TorchSharp;
using YoloGen.Models;
using Xunit;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.Nn;

/// <summary>Each yolo11n layer, run standalone in eval mode on an input of the reference shape, gives the reference output shape.</summary>
public class LayerShapeTests
{
    public static TheoryData<string, int> Layers()
    {
        var data = new TheoryData<string, int>();
        foreach (var layer in GoldenModel.Load("yolo11n").Layers) data.Add("yolo11n", layer.Index);
        data.Add("yolo11n-se", 9);
        data.Add("yolo11n-simam", 9);
        return data;
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void Eval_output_shape_matches_reference(string model, int index)
    {
        var golden = GoldenModel.Load(model);
        var layer = golden.Layers[index];
        using var module = GoldenLayerFactory.Build(layer, golden.Strides);
        module.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();

        switch (module)
        {
            case nn.Module<Tensor, Tensor> single:
                var y = single.call(rand(JsonShapes.Single(layer.InputShape)));
                Assert.Equal(JsonShapes.Single(layer.OutputShape), y.shape);
                break;
            case nn.Module<Tensor[], Tensor> multi:
                var inputs = JsonShapes.Many(layer.InputShape).Select(s => rand(s)).ToArray();
                Assert.Equal(JsonShapes.Single(layer.OutputShape), multi.call(inputs).shape);
                break;
            case nn.Module<Tensor[], DetectionOutput> head:
                // The reference records the head's input after it overwrote the list in place, so build the inputs
                // from the channel arguments: level i has 640 / stride_i cells per side.
                var channels = layer.Args[1].EnumerateArray().Select(c => c.GetInt64()).ToArray();
                var maps = channels.Select((c, i) => rand(1, c, 640 / golden.Strides[i], 640 / golden.Strides[i])).ToArray();
                var output = head.call(maps);
                var expected = layer.OutputShape;
                Assert.Equal(JsonShapes.Single(expected[0]), output.Predictions!.shape);
                Assert.Equal(JsonShapes.Many(expected[1]), output.Raw.Select(r => r.shape).ToArray());
                break;
            default:
                Assert.Fail($"unexpected module type {module.GetType()}");
                break;
        }
    }
}
