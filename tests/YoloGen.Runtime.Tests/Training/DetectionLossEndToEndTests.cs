using TorchSharp;
using YoloGen.IO;
using YoloGen.Models;
using YoloGen.Training.Loss;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.Training;

/// <summary>
/// The end-to-end path of the loss fixture: yolo11n with the fixture weights, train-mode head maps recomputed from the
/// fixture images, then the loss, within about 10× the errors measured (tests/reference/README.md, "Tolerances"): float32
/// raw maps within 1e-4, total and items within 1e-6 relative, gradients within 1.5e-6; float64 against the
/// reference's end-to-end float64 figures in loss-yolo11n-seed0.report.json within 5e-15 relative (target score sum 3e-14).
/// </summary>
public sealed class DetectionLossEndToEndTests(ITestOutputHelper output)
{
    private static Tensor[] TrainRawMaps(ScalarType dtype)
    {
        using var model = new GoldenNetwork("yolo11n");
        var report = StateDict.LoadFile(model, FixtureParity.WeightsFile);
        Assert.True(report.IsExact, report.ToString());
        if (dtype != ScalarType.Float32) model.to(dtype);
        return TrainModeForward.RawMaps(model, LossFixture.Tensors["images"].to_type(dtype))
            .Select(r => r.detach().requires_grad_(true)).ToArray();
    }

    [Fact]
    public void Float32_from_the_images_stays_within_the_reference_bounds()
    {
        var t = LossFixture.Tensors;
        var raw = TrainRawMaps(ScalarType.Float32);
        double rawError = Enumerable.Range(0, 3).Max(i => (raw[i] - t[$"raw.{i}"]).abs().max().item<float>());
        output.WriteLine($"train raw maps: max |difference| {rawError:E2}");
        Assert.True(rawError <= 1e-4, $"raw maps differ by {rawError}");

        var result = new DetectionLoss(80, LossFixture.Strides).Compute(raw, LossFixture.Targets());
        result.Total.backward();
        double total = result.Total.item<float>(), expectedTotal = t["loss.total"].item<float>();
        output.WriteLine($"total {total:R} (reference {expectedTotal:R}, relative {Math.Abs(total - expectedTotal) / expectedTotal:E2})");
        Assert.True(Math.Abs(total - expectedTotal) <= 1e-6 * expectedTotal);
        var items = t["loss.items"].data<float>().ToArray();
        double itemError = Enumerable.Range(0, 3).Max(i => Math.Abs(result.Items[i].item<float>() - items[i]) / items[i]);
        output.WriteLine($"items: max relative difference {itemError:E2}");
        Assert.True(itemError <= 1e-6, $"items differ by {itemError:E2} relative");
        double gradError = Enumerable.Range(0, 3).Max(i => (raw[i].grad! - t[$"grad.raw.{i}"]).abs().max().item<float>());
        output.WriteLine($"gradients: max |difference| {gradError:E2}");
        Assert.True(gradError <= 1.5e-6, $"gradients differ by {gradError}");
    }

    [Fact]
    public void Float64_from_the_images_matches_the_reference_end_to_end_figures()
    {
        // report.json, "f64_end_to_end": raw maps recomputed by model.double() from images.double(), loss in float64.
        const double total = 55.21224271463417;
        double[] items = [3.778896013708054, 5.803812518841752, 4.220352146108737];
        const double targetScoresSum = 18.006981670426953;

        var result = new DetectionLoss(80, LossFixture.Strides).Compute(TrainRawMaps(ScalarType.Float64), LossFixture.Targets());
        double err = Math.Abs(result.Total.item<double>() - total) / total;
        output.WriteLine($"total {result.Total.item<double>():R} (reference {total:R}, relative {err:E2})");
        Assert.True(err <= 5e-15, $"total relative error {err}");
        for (int i = 0; i < 3; i++)
            Assert.True(Math.Abs(result.Items[i].item<double>() - items[i]) <= 5e-15 * items[i], $"item {i}: {result.Items[i].item<double>():R} vs {items[i]:R}");
        double tssError = Math.Abs(result.TargetScoresSum.item<double>() - targetScoresSum) / targetScoresSum;
        output.WriteLine($"target_scores_sum relative {tssError:E2}");
        Assert.True(tssError <= 3e-14, $"target_scores_sum relative error {tssError}");
        Assert.Equal([20L, 0, 44, 17], result.Assignment.Foreground.sum([1L]).data<long>().ToArray());
    }
}
