using YoloGen.Validation;
using Xunit;

namespace YoloGen.Runtime.Tests.Validation;

/// <summary>Hand-made cases of matching, the detections file and degenerate metric inputs.</summary>
public sealed class MetricsTests
{
    [Fact]
    public void A_prediction_only_competes_for_its_best_label()
    {
        // Labels G0, G1; P0 (first) overlaps G0 0.77 and G1 0.71; P1 overlaps G0 0.92 and G1 0.60.
        var iou = new float[,] { { 0.77f, 0.92f }, { 0.71f, 0.60f } };
        var tp = PredictionMatcher.Match([0, 0], [0, 0], iou, [0.5f, 0.8f]);
        // At 0.5 both predictions' best label is G0 and the lower index (P0) takes it, although G1 is free for P1.
        Assert.True(tp[0, 0]);
        Assert.False(tp[1, 0]);
        // At 0.8 P0 clears no label, so P1 takes G0.
        Assert.False(tp[0, 1]);
        Assert.True(tp[1, 1]);
        // Another class never matches; IoU equal to the threshold does.
        Assert.False(PredictionMatcher.Match([1], [0], new float[,] { { 0.9f } }, [0.5f])[0, 0]);
        Assert.True(PredictionMatcher.Match([0], [0], new float[,] { { 0.5f } }, [0.5f])[0, 0]);
    }

    [Fact]
    public void Without_any_correct_prediction_every_metric_is_zero()
    {
        var stats = new DetectionStats(3);
        stats.Add([0, 0, 10, 10], [0.9f], [1], [50, 50, 60, 60], [1]);
        stats.Add([], [], [], [0, 0, 5, 5], [2]);
        var m = stats.Compute();
        Assert.Empty(m.PerClass);
        Assert.Equal(0.0, m.Map50);
        Assert.Equal(0.0, m.Fitness);
        Assert.Equal([0.0, 0.0, 0.0], m.Maps);
        Assert.Equal([0, 1, 1], stats.LabelsPerClass());
    }

    [Fact]
    public void A_perfect_detector_scores_0_995_ap_and_full_precision_and_recall()
    {
        var stats = new DetectionStats(2);
        stats.Add([0, 0, 10, 10, 20, 20, 40, 40], [0.9f, 0.8f], [0, 1], [0, 0, 10, 10, 20, 20, 40, 40], [0, 1]);
        var m = stats.Compute();
        // The reference's envelope ends with the sentinel (recall 1, precision 0), and np.interp at recall 1 takes
        // that last point, so the final trapezoid is halved: AP = 0.99 + 0.01 · (1 + 0) / 2.
        Assert.Equal(0.995, m.Map, 12);
        Assert.Equal(0.995, m.Map50, 12);
        Assert.Equal(1.0, m.MeanRecall, 12);
        Assert.Equal(1.0, m.MeanPrecision, 12);
    }

    [Theory]
    [InlineData("""{"names": ["a"], "images": [{"gt": {"boxes": [[0, 0, 1]], "cls": [0]}, "pred": {"boxes": [], "conf": [], "cls": []}}]}""",
        "images[0].gt.boxes[0]: expected 4 numbers")]
    [InlineData("""{"names": ["a"], "images": [{"gt": {"boxes": [], "cls": []}, "pred": {"boxes": [[0, 0, 1, 1]], "conf": ["x"], "cls": [0]}}]}""",
        "images[0].pred.conf[0]: expected a number")]
    [InlineData("""{"names": {"0": "a"}, "images": [{"gt": {"boxes": [[0, 0, 1, 1]], "cls": [3]}, "pred": {"boxes": [], "conf": [], "cls": []}}]}""",
        "images[0].gt.cls[0]: class 3 is not an integer in [0, 1)")]
    [InlineData("""{"names": ["a"], "images": [{"gt": {"boxes": [], "cls": []}}]}""", "images[0]: missing 'pred'")]
    [InlineData("""{"images": []}""", "$: missing 'names'")]
    [InlineData("""{"names": ["a"], "images": [""", "not valid JSON")]
    public void A_malformed_file_is_reported_with_the_file_and_field(string json, string message)
    {
        string path = Path.Combine(Path.GetTempPath(), $"yologen-detections-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try
        {
            var e = Assert.Throws<DetectionsFileException>(() => DetectionsFile.Load(path));
            Assert.StartsWith(path + ": ", e.Message);
            Assert.Contains(message, e.Message);
        }
        finally { File.Delete(path); }
    }
}
