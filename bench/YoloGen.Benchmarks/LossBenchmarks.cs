using BenchmarkDotNet.Attributes;
using YoloGen.Training.Loss;
using static TorchSharp.torch;

namespace YoloGen.Benchmarks;

/// <summary>
/// The v8 detection loss of a batch of 8 at 320² (raw maps 144 × 40², 20², 10²; 80 classes; 6 random boxes per
/// image): forward only, and forward + backward into the maps.
/// </summary>
public class LossBenchmarks
{
    private readonly DetectionLoss loss = new(80, [8, 16, 32]);
    private Tensor[] raw = null!;
    private DetectionTargets targets = null!;

    [GlobalSetup]
    public void Setup()
    {
        Torch.Setup();
        const long batch = 8, perImage = 6;
        raw = [randn(batch, 144, 40, 40), randn(batch, 144, 20, 20), randn(batch, 144, 10, 10)];
        foreach (var r in raw) r.requires_grad_(true);
        long n = batch * perImage;
        var centre = rand(n, 2) * 0.8 + 0.1;
        var size = rand(n, 2) * 0.3 + 0.02;
        targets = new DetectionTargets(arange(batch).repeat_interleave(perImage).to_type(ScalarType.Float32),
            randint(80, n).to_type(ScalarType.Float32), cat([centre, size], 1));
    }

    [Benchmark]
    public double Forward()
    {
        using var scope = NewDisposeScope();
        using var mode = no_grad();
        return loss.Compute(raw, targets).Total.item<float>();
    }

    [Benchmark]
    public void ForwardBackward()
    {
        using var scope = NewDisposeScope();
        loss.Compute(raw, targets).Total.backward();
        foreach (var r in raw) r.grad = null;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var r in raw) r.Dispose();
    }
}
