using System.Text.Json;
using YoloGen.Cli.Commands;
using YoloGen.Runtime.Tests;
using Xunit;

namespace YoloGen.Cli.Tests;

/// <summary><c>yologen val --detections</c> on the metrics fixture reproduces the reference's metrics.</summary>
public sealed class ValCommandTests
{
    private static readonly string Fixture = TestPaths.Fixture("metrics-synthetic-a.json");

    private static JsonElement Expected => JsonDocument.Parse(File.ReadAllText(Fixture)).RootElement.GetProperty("expected");

    [Fact]
    public void Json_output_holds_the_reference_metrics()
    {
        var (code, output) = CommandRunner.Run("val", "--detections", Fixture, "--json");
        Assert.Equal(0, code);
        var json = CommandRunner.Json(output);
        var e = Expected;
        foreach (var key in new[] { "mp", "mr", "map50", "map75", "map", "fitness" })
            Assert.Equal(e.GetProperty(key).GetDouble(), json.GetProperty(key).GetDouble(), 1e-9);
        var classes = json.GetProperty("classes").EnumerateArray().ToArray();
        var expected = e.GetProperty("per_class").EnumerateArray().ToArray();
        Assert.Equal(expected.Length, classes.Length);
        for (int i = 0; i < classes.Length; i++)
        {
            Assert.Equal(expected[i].GetProperty("cls").GetInt32(), classes[i].GetProperty("class").GetInt32());
            Assert.Equal($"class{i}", classes[i].GetProperty("name").GetString());
            foreach (var key in new[] { "p", "r", "ap50", "ap50_95" })
                Assert.Equal(expected[i].GetProperty(key).GetDouble(), classes[i].GetProperty(key).GetDouble(), 1e-9);
        }
    }

    [Fact]
    public void Table_output_has_the_all_row_and_one_row_per_class()
    {
        var (code, output) = CommandRunner.Run("val", "--detections", Fixture);
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("mAP50-95", lines[0]);
        Assert.Equal(["all", "20", "70", "0.716", "0.514", "0.566", "0.299"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["class4", "3", "3", "0.000", "0.000", "0.000", "0.000"], lines[6].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_malformed_file_names_the_file_and_field()
    {
        string path = Path.Combine(Path.GetTempPath(), $"yologen-val-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"names": ["a"], "images": [{"gt": {"boxes": [[0, 0, 1, 1]], "cls": [0]}, "pred": {"boxes": [], "conf": [], "cls": {}}}]}""");
        try
        {
            var e = Assert.Throws<CliException>(() => CommandRunner.Run("val", "--detections", path));
            Assert.Equal($"val: {path}: images[0].pred.cls: expected an array of numbers", e.Message);
        }
        finally { File.Delete(path); }
        Assert.Throws<CliException>(() => CommandRunner.Run("val"));
    }
}
