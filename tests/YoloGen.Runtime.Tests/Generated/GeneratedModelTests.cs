using System.Globalization;
using System.Text.Json;
using TorchSharp;
using YoloGen.IO;
using YoloGen.Models;
using Xunit;

namespace YoloGen.Runtime.Tests.Generated;

/// <summary>
/// The classes the generator emits from models/*.yaml (compiled into this assembly) equal the reference networks:
/// the full state dict (names, order, shapes, dtypes), the total parameter count, the strides and the layer table.
/// </summary>
public sealed class GeneratedModelTests
{
    public static TheoryData<string> ReferenceModels => new()
    {
        "yolo11n", "yolo11s", "yolo11m", "yolo11l", "yolo11x", "yolo11n-se", "yolo11n-simam",
    };

    [Theory]
    [MemberData(nameof(ReferenceModels))]
    public void State_dict_and_parameters_equal_the_reference(string name)
    {
        var golden = GoldenModel.Load(name);
        using var model = YoloModels.Create(name, reference: ReferenceRules.V8_3); // the 8.3.0 facts of tests/reference/json

        Assert.Equal(name, model.ModelName);
        Assert.Equal(golden.TotalParams, model.parameters().Sum(p => p.numel()));
        var expected = golden.Layers
            .SelectMany(l => l.StateDict.Select(e => $"model.{l.Index}.{e.Name} [{string.Join(",", e.Shape)}] {e.DType}"))
            .ToList();
        var actual = StateDict.Entries(model)
            .Select(e => $"{e.Name} [{string.Join(",", e.Tensor.shape)}] {DTypeName(e.Tensor.dtype)}")
            .ToList();
        Assert.Equal(expected, actual);
        Assert.Equal(golden.Strides, model.Strides);
    }

    [Theory]
    [MemberData(nameof(ReferenceModels))]
    public void Layer_table_equals_the_reference(string name)
    {
        var golden = GoldenModel.Load(name);
        using var model = YoloModels.Create(name, reference: ReferenceRules.V8_3); // the 8.3.0 facts of tests/reference/json

        Assert.Equal(golden.Layers.Count, model.LayerInfos.Count);
        foreach (var (expected, actual) in golden.Layers.Zip(model.LayerInfos))
        {
            var where = $"{name} layer {expected.Index}";
            Assert.Equal((where, expected.Index), (where, actual.Index));
            Assert.Equal((where, string.Join(",", expected.From)), (where, string.Join(",", actual.From)));
            Assert.Equal((where, expected.N), (where, actual.Repeats));
            Assert.Equal((where, expected.Module), (where, actual.Module));
            Assert.Equal((where, Compact(expected.Args)), (where, Compact(JsonDocument.Parse(actual.ArgsJson).RootElement)));
            Assert.Equal((where, expected.OutChannels), (where, actual.OutChannels));
        }
    }

    /// <summary>Every generated network runs: eval forward on a small non-square image gives the decoded output's shape.</summary>
    [Theory]
    [InlineData("yolo11n")]
    [InlineData("yolo11n-se")]
    [InlineData("yolo11n-simam")]
    [InlineData("yolo11n-efficientnetv1")]
    [InlineData("yolo11n-efficientnetv2")]
    public void Generated_forward_runs_in_eval_mode(string name)
    {
        using var scope = torch.NewDisposeScope();
        using var model = YoloModels.Create(name, nc: 3);
        model.eval();
        using var output = model.forward(torch.zeros(1, 3, 64, 96));

        long anchors = model.Strides.Sum(s => (64L / s) * (96L / s));
        Assert.Equal(new long[] { 1, 4 + 3, anchors }, output.Predictions!.shape);
        Assert.Equal(3, output.Raw.Length);
    }

    [Fact]
    public void Registry_lists_every_model_file_and_rejects_unknown_names()
    {
        foreach (var stem in new[] { "yolo11", "yolo11-se", "yolo11-simam" })
            foreach (var scale in "nsmlx")
                Assert.Contains(stem.Insert(6, scale.ToString()), YoloModels.Names);

        var error = Assert.Throws<ArgumentException>(() => YoloModels.Create("yolo11q"));
        Assert.Contains("yolo11n-se", error.Message, StringComparison.Ordinal);
        Assert.False(YoloModels.TryCreate("yolo11q", null, out var none));
        Assert.Null(none);
    }

    private static string Compact(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Array => "[" + string.Join(",", e.EnumerateArray().Select(Compact)) + "]",
        _ => e.GetRawText(),
    };

    private static string DTypeName(torch.ScalarType t) => t switch
    {
        torch.ScalarType.Float32 => "float32",
        torch.ScalarType.Int64 => "int64",
        _ => t.ToString(),
    };
}
