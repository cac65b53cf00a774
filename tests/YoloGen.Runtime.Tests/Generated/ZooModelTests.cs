using System.Text.Json;
using TorchSharp;
using YoloGen.IO;
using YoloGen.Models;

namespace YoloGen.Runtime.Tests.Generated;

/// <summary>
/// The generated networks against the 8.4.50 zoo (tests/reference/zoo/json): for every model with a detection head,
/// the network generated from models/ under its file's default rules has the reference's total parameters, exactly
/// its state dict and its layer table (index, from, repeats, module, arguments, output channels). The test walks the
/// folder, so a JSON file added there is covered without code; a detection model that is not generated fails unless
/// it is listed in <see cref="NotGeneratedYet"/>, which must list exactly the missing ones.
/// </summary>
public sealed class ZooModelTests
{
    private static readonly HashSet<string> TaskHeads = ["Segment", "Segment26", "Pose", "Pose26", "OBB", "OBB26", "Classify"];

    /// <summary>Zoo detection models whose files are not in models/ (none: every family compiles).</summary>
    private static readonly HashSet<string> NotGeneratedYet = [];

    private static string JsonPath(string model) => Path.Combine(TestPaths.Reference, "zoo", "json", model + ".json");

    private static IEnumerable<string> DetectionModels() =>
        Directory.EnumerateFiles(Path.Combine(TestPaths.Reference, "zoo", "json"), "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .Select(name => name!)
            .Where(name => !GoldenModel.LoadFile(JsonPath(name)).Layers.Any(l => TaskHeads.Contains(l.Module)))
            .Order(StringComparer.Ordinal);

    public static TheoryData<string> Generated() => new(DetectionModels().Where(YoloModels.Names.Contains));

    [Fact]
    public void Every_zoo_detection_model_is_generated_or_listed_as_pending()
    {
        var missing = DetectionModels().Where(name => !YoloModels.Names.Contains(name)).ToHashSet();
        Assert.Equal(NotGeneratedYet.Order(), missing.Order());
    }

    [Theory]
    [MemberData(nameof(Generated))]
    public void State_dict_and_parameters_equal_the_reference(string name)
    {
        var golden = GoldenModel.LoadFile(JsonPath(name));
        using var model = YoloModels.Create(name);

        Assert.Equal(golden.TotalParams, model.parameters().Sum(p => p.numel()));
        var expected = golden.Layers
            .SelectMany(l => l.StateDict.Select(e => $"model.{l.Index}.{e.Name} [{string.Join(",", e.Shape)}] {e.DType}"))
            .ToList();
        var actual = StateDict.Entries(model)
            .Select(e => $"{e.Name} [{string.Join(",", e.Tensor.shape)}] {(e.Tensor.dtype == torch.ScalarType.Int64 ? "int64" : "float32")}")
            .ToList();
        Assert.Equal(expected, actual);
        Assert.Equal(golden.Strides, model.Strides);
    }

    [Theory]
    [MemberData(nameof(Generated))]
    public void Layer_table_equals_the_reference(string name)
    {
        var golden = GoldenModel.LoadFile(JsonPath(name));
        using var model = YoloModels.Create(name);

        Assert.Equal(golden.Layers.Count, model.LayerInfos.Count);
        foreach (var (expected, actual) in golden.Layers.Zip(model.LayerInfos))
        {
            var where = $"{name} layer {expected.Index}";
            Assert.Equal((where, string.Join(",", expected.From)), (where, string.Join(",", actual.From)));
            Assert.Equal((where, expected.N), (where, actual.Repeats));
            Assert.Equal((where, expected.Module), (where, actual.Module));
            Assert.Equal((where, Compact(expected.Args)), (where, Compact(JsonDocument.Parse(actual.ArgsJson).RootElement)));
            Assert.Equal((where, expected.OutChannels), (where, actual.OutChannels));
        }
    }

    private static string Compact(JsonElement e) => JsonSerializer.Serialize(e);
}
