using YoloGen.Training.Loss;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.Training;

/// <summary>
/// The detection loss against the reference on the fixture's head maps and targets; bounds about 10× the errors
/// measured (tests/reference/README.md, "Tolerances").
/// </summary>
public sealed class DetectionLossParityTests(ITestOutputHelper output)
{
    private static (DetectionLossResult Result, Tensor[] Grads) Run(ScalarType dtype)
    {
        var raw = LossFixture.Raw(dtype);
        var loss = new DetectionLoss(numClasses: 80, LossFixture.Strides);
        var result = loss.Compute(raw, LossFixture.Targets());
        result.Total.backward();
        return (result, raw.Select(r => r.grad!).ToArray());
    }

    private void Relative(double expected, double actual, double tol, string what)
    {
        output.WriteLine($"{what}: {actual:R} (reference {expected:R}, relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2})");
        Assert.True(Math.Abs(actual - expected) <= tol * Math.Abs(expected),
            $"{what}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2} > {tol:E0})");
    }

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    private void MaxAbs(Tensor expected, Tensor actual, double tol, string what)
    {
        double err = (actual.to_type(ScalarType.Float64) - expected.to_type(ScalarType.Float64)).abs().max().item<double>();
        output.WriteLine($"{what}: max |difference| {err:E2}");
        Assert.True(err <= tol, $"{what}: max |difference| {err:E2} > {tol:E0}");
    }

    [Fact]
    public void Float64_matches_the_reference_loss_to_3e14_relative()
    {
        var t = LossFixture.Tensors;
        var (r, _) = Run(ScalarType.Float64);
        Assert.Equal(ScalarType.Float64, r.Total.dtype);
        Relative(t["loss.total.f64"].item<double>(), r.Total.item<double>(), 3e-14, "total");
        var items = t["loss.items.f64"].data<double>().ToArray();
        string[] names = ["box", "cls", "dfl"];
        for (int i = 0; i < 3; i++) Relative(items[i], r.Items[i].item<double>(), 3e-14, names[i]);
        Relative(t["tal.target_scores_sum.f64"].item<double>(), r.TargetScoresSum.item<double>(), 3e-14, "target_scores_sum");
    }

    [Fact]
    public void Float64_assigns_the_reference_foreground()
    {
        var t = LossFixture.Tensors;
        var (r, _) = Run(ScalarType.Float64);
        var a = r.Assignment;
        var scorePerAnchor = a.Scores.sum([-1L]);
        var positive = a.Foreground.logical_and(scorePerAnchor.gt(0));
        // The reference allows 81–83 (two metric-0 ties that top-k may pick); this libtorch picks the fixture's exactly.
        Assert.Equal(t["tal.num_fg.f64"].item<long>(), a.Foreground.sum().item<long>());
        Assert.True(Same(a.Foreground, t["tal.fg_mask"].to_type(ScalarType.Bool)), "foreground set differs from tal.fg_mask");
        Assert.Equal(t["tal.num_fg_pos.f64"].item<long>(), positive.sum().item<long>());

        var refPositive = t["tal.fg_mask"].to_type(ScalarType.Bool).logical_and(t["tal.target_scores_per_anchor"].gt(0));
        Assert.True(Same(positive, refPositive), "set of foreground anchors with positive target score differs");

        // On that set the assigned box, class and box index are the reference's; scores agree to float32 rounding.
        Assert.True(Same(a.BoxIndex[positive], t["tal.target_gt_idx"][refPositive]), "target_gt_idx differs");
        Assert.True(Same(a.Labels[positive], t["tal.target_labels"][refPositive]), "target_labels differ");
        MaxAbs(t["tal.target_bboxes"][refPositive], a.Boxes[positive], 1e-4, "target_bboxes (px)");
        MaxAbs(t["tal.target_scores_per_anchor"][refPositive], scorePerAnchor[positive], 1e-5, "target score per anchor");
        var perImage = a.Foreground.sum([1L]).data<long>().ToArray();
        Assert.Equal(0, perImage[1]);
    }

    [Fact]
    public void Float64_gradients_match_the_reference_to_1e6()
    {
        var t = LossFixture.Tensors;
        var (_, grads) = Run(ScalarType.Float64);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(ScalarType.Float64, grads[i].dtype);
            MaxAbs(t[$"grad.raw.{i}"], grads[i], 1e-6, $"grad.raw.{i}");
        }
    }

    [Fact]
    public void Float32_matches_the_reference_loss_and_gradients()
    {
        var t = LossFixture.Tensors;
        var (r, grads) = Run(ScalarType.Float32);
        Assert.Equal(ScalarType.Float32, r.Total.dtype);
        Relative(t["loss.total"].item<float>(), r.Total.item<float>(), 1e-6, "total vs float32 reference");
        Relative(t["loss.total.f64"].item<double>(), r.Total.item<float>(), 1e-6, "total vs float64 reference");
        var items = t["loss.items"].data<float>().ToArray();
        var items64 = t["loss.items.f64"].data<double>().ToArray();
        for (int i = 0; i < 3; i++)
        {
            Relative(items[i], r.Items[i].item<float>(), 1.5e-6, $"item {i} vs float32 reference");
            Relative(items64[i], r.Items[i].item<float>(), 1.5e-6, $"item {i} vs float64 reference");
        }
        double tss = Math.Abs(r.TargetScoresSum.item<float>() - t["tal.target_scores_sum"].item<float>());
        output.WriteLine($"target_scores_sum: |difference| {tss:E2}");
        Assert.True(tss <= 2e-6, $"target_scores_sum differs by {tss:E2}"); // one float32 ulp at 18
        Assert.Equal(t["tal.num_fg_pos"].item<long>(),
            r.Assignment.Foreground.logical_and(r.Assignment.Scores.sum([-1L]).gt(0)).sum().item<long>());
        for (int i = 0; i < 3; i++) MaxAbs(t[$"grad.raw.{i}"], grads[i], 1e-6, $"grad.raw.{i}");
    }
}
