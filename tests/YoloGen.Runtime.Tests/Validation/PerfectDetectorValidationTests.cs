using YoloGen.Data;
using YoloGen.Runtime.Tests.Data;
using YoloGen.Runtime.Tests.Prediction;
using YoloGen.Validation;
using Xunit;

namespace YoloGen.Runtime.Tests.Validation;

/// <summary>
/// <see cref="Validator"/> end to end with a detector that finds every painted rectangle (<see cref="PaintedBoxDetector"/>):
/// images of five aspect ratios in rectangular batches of their own shapes, predictions mapped back to each image's
/// pixels and matched there. Every metric must be the reference's maximum: precision and recall 1, AP 0.995 at every
/// IoU threshold (a 1 px shift of a 20 px box already fails the 0.95 threshold).
/// </summary>
public sealed class PerfectDetectorValidationTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_perfect_detector_scores_the_metrics_maximum_on_rect_batches()
    {
        (int W, int H)[] sizes = [(160, 90), (90, 160), (120, 120), (200, 80), (75, 130), (140, 100), (64, 200)];
        int labels = 0;
        for (int i = 0; i < sizes.Length; i++)
        {
            var (w, h) = sizes[i];
            var boxes = new List<(int, int, int, int, int)> { (0, w / 10, h / 10, w * 4 / 10, h * 4 / 10) };
            if (i % 2 == 0) boxes.Add((1, w / 2, h / 2, w * 9 / 10, h * 8 / 10));
            if (i % 3 == 0) boxes.Add((2, w / 10, h * 6 / 10, w * 4 / 10, h * 9 / 10));
            labels += boxes.Count;
            TestImages.WriteSample(_dir.Path, "val", $"image{i}", w, h, colourByClass: true, [.. boxes]);
        }
        var config = DatasetConfig.Parse("train: images/val\nval: images/val\nnames: [red, green, blue]\n", _dir.Combine("data.yaml"));
        var dataset = DetectionDataset.Load(config, "val", useCache: false);
        var loader = new ValLoader(dataset, new LoaderOptions
        {
            ImageSize = 128, BatchSize = 2, Workers = 0, Shuffle = false, Rect = true, Augment = AugmentOptions.None,
        });
        var shapes = Enumerable.Range(0, loader.BatchCount).Select(loader.BatchShape).Distinct().ToList();
        Assert.True(shapes.Count >= 3 && shapes.Any(s => s.Height != s.Width), string.Join(", ", shapes));

        using var model = new PaintedBoxDetector();
        var result = Validator.Run(model, loader);

        Assert.Equal(sizes.Length, result.Images);
        Assert.Equal(labels, result.Stats.LabelsPerClass().Sum());
        var m = result.Metrics;
        Assert.Equal([0, 1, 2], m.PerClass.Select(c => c.Class));
        Assert.All(m.PerClass, c => Assert.All(c.ApPerThreshold, ap => Assert.Equal(0.995, ap, 12)));
        Assert.Equal(1.0, m.MeanPrecision, 12);
        Assert.Equal(1.0, m.MeanRecall, 12);
        Assert.Equal(0.995, m.Map50, 12);
        Assert.Equal(0.995, m.Map, 12);
        Assert.Equal(0.995, m.Fitness, 12);
    }
}
