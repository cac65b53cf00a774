using System.Text.Json;
using YoloGen.Validation;
using Xunit;
using Xunit.Abstractions;

namespace YoloGen.Runtime.Tests.Validation;

/// <summary>
/// Matching, AP and the summary metrics against tests/reference/fixtures/metrics-synthetic-a.json: the tp matrix
/// exactly, every number within 2e-15 (10× the 2.2e-16 measured; tests/reference/README.md, "Tolerances").
/// </summary>
public sealed class MetricsParityTests(ITestOutputHelper output)
{
    private const double Tol = 2e-15;
    private static readonly string FixturePath = TestPaths.Fixture("metrics-synthetic-a.json");
    private static readonly Lazy<JsonElement> Expected = new(() =>
        JsonDocument.Parse(File.ReadAllText(FixturePath)).RootElement.GetProperty("expected").Clone());

    private static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(x => x.GetDouble()).ToArray();
    private static int[] Ints(JsonElement e) => e.EnumerateArray().Select(x => (int)x.GetDouble()).ToArray();

    private double worst;

    private void Near(double expected, double actual, string what)
    {
        double err = Math.Abs(expected - actual);
        worst = Math.Max(worst, err);
        Assert.True(err <= Tol, $"{what}: expected {expected:R}, got {actual:R} (|difference| {err:E2})");
    }

    [Fact]
    public void Thresholds_are_the_float32_linspace()
    {
        var json = JsonDocument.Parse(File.ReadAllText(FixturePath)).RootElement.GetProperty("iou_thresholds");
        Assert.Equal(Doubles(json), PredictionMatcher.CocoThresholds.Select(t => (double)t).ToArray());
    }

    [Fact]
    public void True_positive_matrix_and_stat_arrays_are_the_reference_ones()
    {
        var stats = DetectionsFile.Load(FixturePath).ToStats();
        var e = Expected.Value;
        var tp = e.GetProperty("tp").EnumerateArray().Select(r => r.EnumerateArray().Select(x => x.GetInt32() != 0).ToArray()).ToArray();
        Assert.Equal(tp.Length, stats.TruePositives.Count);
        for (int i = 0; i < tp.Length; i++) Assert.True(tp[i].SequenceEqual(stats.TruePositives[i]), $"tp row {i} differs");
        // True positives per IoU threshold, counted on the rows computed here (the fixture's matrix has these sums).
        var columnSums = Enumerable.Range(0, 10).Select(t => stats.TruePositives.Count(r => r[t])).ToArray();
        Assert.Equal([43, 37, 34, 33, 29, 28, 22, 17, 12, 4], columnSums);

        Assert.Equal(Doubles(e.GetProperty("conf")), stats.Confidences.Select(c => (double)c).ToArray());
        Assert.Equal(Ints(e.GetProperty("pred_cls")), stats.PredictedClasses.ToArray());
        Assert.Equal(Ints(e.GetProperty("target_cls")), stats.LabelClasses.ToArray());
        Assert.Equal(Ints(e.GetProperty("nt_per_class")), stats.LabelsPerClass());
        Assert.Equal(Ints(e.GetProperty("nt_per_image")), stats.ImagesPerClass());
        Assert.Equal(19, stats.Images); // image 14 has neither labels nor predictions
    }

    [Fact]
    public void Metrics_are_the_reference_ones_within_2e15()
    {
        var m = DetectionsFile.Load(FixturePath).ToStats().Compute();
        var e = Expected.Value;

        Assert.Equal(Ints(e.GetProperty("ap_class_index")), m.PerClass.Select(c => c.Class).ToArray());
        foreach (var (expected, actual) in e.GetProperty("per_class").EnumerateArray().Zip(m.PerClass))
        {
            string c = $"class {actual.Class}";
            Assert.Equal(expected.GetProperty("cls").GetInt32(), actual.Class);
            Assert.Equal(expected.GetProperty("labels").GetInt32(), actual.Labels);
            Assert.Equal(expected.GetProperty("images_with_class").GetInt32(), actual.ImagesWithClass);
            Assert.Equal(expected.GetProperty("predictions").GetInt32(), actual.Predictions);
            Near(expected.GetProperty("p").GetDouble(), actual.Precision, $"{c} p");
            Near(expected.GetProperty("r").GetDouble(), actual.Recall, $"{c} r");
            Near(expected.GetProperty("f1").GetDouble(), actual.F1, $"{c} f1");
            Near(expected.GetProperty("ap50").GetDouble(), actual.Ap50, $"{c} ap50");
            Near(expected.GetProperty("ap50_95").GetDouble(), actual.Ap50To95, $"{c} ap50_95");
            var apt = Doubles(expected.GetProperty("ap_per_threshold"));
            for (int t = 0; t < apt.Length; t++) Near(apt[t], actual.ApPerThreshold[t], $"{c} ap[{t}]");
            Near(expected.GetProperty("tp_at_max_f1").GetDouble(), actual.TruePositivesAtMaxF1, $"{c} tp");
            Near(expected.GetProperty("fp_at_max_f1").GetDouble(), actual.FalsePositivesAtMaxF1, $"{c} fp");
        }

        var maps = Doubles(e.GetProperty("maps"));
        for (int i = 0; i < maps.Length; i++) Near(maps[i], m.Maps[i], $"maps[{i}]");
        Near(e.GetProperty("mp").GetDouble(), m.MeanPrecision, "mp");
        Near(e.GetProperty("mr").GetDouble(), m.MeanRecall, "mr");
        Near(e.GetProperty("map50").GetDouble(), m.Map50, "map50");
        Near(e.GetProperty("map75").GetDouble(), m.Map75, "map75");
        Near(e.GetProperty("map").GetDouble(), m.Map, "map");
        Near(e.GetProperty("fitness").GetDouble(), m.Fitness, "fitness");
        foreach (var p in e.GetProperty("results_dict").EnumerateObject())
            Near(p.Value.GetDouble(), m.ResultsDictionary[p.Name], p.Name);
        Assert.Equal(e.GetProperty("max_f1_index").GetInt32(), m.MaxF1Index);
        Near(e.GetProperty("max_f1_conf").GetDouble(), m.MaxF1Confidence, "max_f1_conf");
        Near(e.GetProperty("max_f1_smoothed_mean").GetDouble(), m.MaxF1SmoothedMean, "max_f1_smoothed_mean");
        output.WriteLine($"largest |difference| over all compared numbers: {worst:E2}");
    }
}
