using YoloGen.IO;
using YoloGen.Validation;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.Validation;

/// <summary>
/// NMS against the reference on tests/reference/fixtures/nms-yolo11n-seed0.safetensors, compared as its README says:
/// single-label settings row for row with bit-identical boxes (stable sort), <c>val</c> as a set keyed by
/// (anchor, class) with the order-sensitive allowance (tests/reference/README.md, "Tolerances").
/// </summary>
public sealed class NmsParityTests(ITestOutputHelper output)
{
    private static readonly Lazy<SafeTensorsFile> File = new(() => SafeTensors.Load(TestPaths.Fixture("nms-yolo11n-seed0.safetensors")));

    private static ImageDetections Run(NmsSettings settings)
    {
        var result = NonMaxSuppression.Apply(File.Value["input.y"], settings);
        Assert.Single(result);
        return result[0];
    }

    [Theory]
    [InlineData("val_single_label", 0.001, 0.7)]
    [InlineData("predict", 0.25, 0.7)]
    [InlineData("conf025_iou045", 0.25, 0.45)]
    public void Single_label_settings_match_row_for_row(string setting, double conf, double iou)
    {
        var actual = Run(new NmsSettings(conf, iou, MultiLabel: false));
        var expectedRows = File.Value[$"{setting}.0"];
        var expectedAnchors = File.Value[$"{setting}.0.anchor"].data<long>().ToArray();

        Assert.Equal(expectedRows.shape[0], actual.Count);
        Assert.Equal(expectedAnchors, actual.Anchors.ToArray());
        Assert.True(actual.Rows[.., 4..].eq(expectedRows[.., 4..]).all().item<bool>(), "score or class differs");
        double boxError = (actual.Rows[.., ..4] - expectedRows[.., ..4]).abs().max().item<float>();
        output.WriteLine($"{setting}: {actual.Count} rows, max box difference {boxError:E2} px");
        Assert.True(actual.Rows[.., ..4].eq(expectedRows[.., ..4]).all().item<bool>(), $"box difference {boxError} px");
    }

    [Fact]
    public void Validation_setting_matches_as_a_set_up_to_order_sensitive_rows()
    {
        var actual = Run(NmsSettings.Validation);
        var expectedRows = File.Value["val.0"];
        var anchors = File.Value["val.0.anchor"].data<long>().ToArray();
        var sensitive = File.Value["val.0.order_sensitive"].data<byte>().ToArray();
        var classes = expectedRows[.., 5].data<float>().ToArray();

        Assert.Equal(300, actual.Count);
        var actualClasses = actual.Rows[.., 5].data<float>().ToArray();
        var actualKeys = actual.Anchors.Select((a, i) => (a, (long)actualClasses[i])).ToHashSet();
        var expectedKeys = anchors.Select((a, i) => (a, (long)classes[i])).ToList();

        for (int i = 0; i < expectedKeys.Count; i++)
            if (sensitive[i] == 0) Assert.True(actualKeys.Contains(expectedKeys[i]), $"row {i} {expectedKeys[i]} missing");
        int differing = expectedKeys.Count(k => !actualKeys.Contains(k));
        int flagged = sensitive.Count(f => f != 0);
        output.WriteLine($"val: {differing} of 300 rows differ from the reference ({flagged} flagged order-sensitive)");
        Assert.True(differing <= flagged, $"{differing} rows differ, only {flagged} are order-sensitive");
    }
}
