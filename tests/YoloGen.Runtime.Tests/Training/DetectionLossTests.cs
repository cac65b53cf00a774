using YoloGen.Training.Loss;
using Xunit;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.Training;

/// <summary>Hand-made cases of the detection loss: a batch without boxes and malformed inputs.</summary>
public sealed class DetectionLossTests
{
    private static Tensor[] RandomMaps(int nc, ScalarType dtype)
    {
        var gen = new TorchSharp.torch.Generator(7);
        return [randn([2, 64 + nc, 4, 4], generator: gen).to_type(dtype).requires_grad_(true),
                randn([2, 64 + nc, 2, 2], generator: gen).to_type(dtype).requires_grad_(true)];
    }

    [Fact]
    public void Without_boxes_only_the_class_term_remains_and_equals_the_summed_softplus()
    {
        var raw = RandomMaps(3, ScalarType.Float64);
        var targets = new DetectionTargets(zeros(0), zeros(0, 1), zeros(0, 4));
        var result = new DetectionLoss(3, [8, 16]).Compute(raw, targets);

        // With no foreground every class target is 0 and the normaliser is 1: cls = Σ log(1 + e^x) over class logits.
        double expected = 0;
        foreach (var map in raw)
            foreach (double x in map.detach()[.., 64..].contiguous().data<double>())
                expected += Math.Log(1 + Math.Exp(x));
        Assert.Equal(0.0, result.Box);
        Assert.Equal(0.0, result.Dfl);
        Assert.Equal(expected * 0.5, result.Cls, 12);
        Assert.Equal(expected * 0.5 * 2, result.Total.item<double>(), 12);
        Assert.Equal(0, result.Assignment.Foreground.sum().item<long>());

        result.Total.backward();
        Assert.All(raw, r => Assert.True(r.grad!.isfinite().all().item<bool>()));
        Assert.Equal(0.0, raw[0].grad![.., ..64].abs().sum().item<double>()); // box logits get no gradient
    }

    [Fact]
    public void A_map_with_the_wrong_channel_count_is_rejected_with_the_expected_layout()
    {
        var raw = RandomMaps(3, ScalarType.Float32);
        var targets = new DetectionTargets(zeros(0), zeros(0, 1), zeros(0, 4));
        var e = Assert.Throws<ArgumentException>(() => new DetectionLoss(5, [8, 16]).Compute(raw, targets));
        Assert.Contains("expected [B, 69, H, W]", e.Message);
        Assert.Throws<ArgumentException>(() => new DetectionLoss(3, [8, 16, 32]).Compute(raw, targets));
    }

    [Fact]
    public void Targets_with_an_image_index_outside_the_batch_are_rejected()
    {
        var raw = RandomMaps(3, ScalarType.Float32);
        var targets = new DetectionTargets(tensor(new float[] { 5 }), zeros(1, 1), tensor(new float[] { 0.5f, 0.5f, 0.2f, 0.2f }).view(1, 4));
        var e = Assert.Throws<ArgumentException>(() => new DetectionLoss(3, [8, 16]).Compute(raw, targets));
        Assert.Contains("image index 5", e.Message);
    }
}
