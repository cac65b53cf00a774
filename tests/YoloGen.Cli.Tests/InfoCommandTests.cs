using System.Text.Json;
using YoloGen.Cli.Commands;
using YoloGen.Runtime.Tests;
using Xunit;

namespace YoloGen.Cli.Tests;

/// <summary>
/// <c>yologen info</c> reports the reference's structure: the JSON fields equal the golden per-layer JSON — the 8.3.0
/// facts with <c>--reference 8.3</c>, and every detection model of the 8.4.50 zoo (tests/reference/zoo/json, walked, so
/// a file added there is covered) under the default rules.
/// </summary>
public sealed class InfoCommandTests
{
    private static readonly HashSet<string> TaskHeads = ["Segment", "Segment26", "Pose", "Pose26", "OBB", "OBB26", "Classify"];

    public static TheoryData<string> ZooDetectionModels()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestPaths.Reference, "zoo", "json"), "*.json").Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            if (doc.RootElement.GetProperty("layers").EnumerateArray().Any(l => TaskHeads.Contains(l.GetProperty("module").GetString()!))) continue;
            data.Add(Path.GetFileNameWithoutExtension(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ZooDetectionModels))]
    public void Json_equals_the_zoo_json_field_by_field(string model) =>
        AssertEqualsGolden(model, Path.Combine(TestPaths.Reference, "zoo", "json", model + ".json"));

    [Theory]
    [InlineData("yolo11n")]
    [InlineData("yolo11m")]
    [InlineData("yolo11n-se")]
    [InlineData("yolo11n-simam")]
    public void Json_equals_the_golden_json_field_by_field(string model) =>
        AssertEqualsGolden(model, TestPaths.GoldenJson(model), "--reference", "8.3");

    private static void AssertEqualsGolden(string model, string jsonPath, params string[] options)
    {
        var (code, output) = CommandRunner.Run("info", [model, "--json", .. options]);

        Assert.Equal(0, code);
        var actual = CommandRunner.Json(output);
        using var doc = JsonDocument.Parse(File.ReadAllText(jsonPath));
        var golden = doc.RootElement;
        Assert.Equal(golden.GetProperty("total_params").GetInt64(), actual.GetProperty("total_params").GetInt64());
        var layers = actual.GetProperty("layers").EnumerateArray().ToList();
        var goldenLayers = golden.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(goldenLayers.Count, layers.Count);
        foreach (var (a, g) in layers.Zip(goldenLayers))
        {
            foreach (var field in new[] { "index", "from", "n", "module", "args", "params", "out_channels" })
                Assert.True(JsonElement.DeepEquals(g.GetProperty(field), a.GetProperty(field)),
                    $"layer {g.GetProperty("index")} {field}: {a.GetProperty(field).GetRawText()}, reference {g.GetProperty(field).GetRawText()}");
        }
    }

    [Fact]
    public void Table_lists_every_layer_and_the_totals()
    {
        var (code, output) = CommandRunner.Run("info", "yolo11n");

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 24 + 1, lines.Length);
        Assert.Contains("C2PSA", lines[11]);
        Assert.Contains("2,624,080 parameters, 2,624,064 gradients", lines[^1]);
    }

    [Fact]
    public void Unknown_model_is_a_clear_error_listing_the_known_ones()
    {
        var e = Assert.Throws<CliException>(() => CommandRunner.Run("info", "yolo11q"));
        Assert.Contains("unknown model 'yolo11q'", e.Message);
        Assert.Contains("yolo11n, ", e.Message);
    }
}
