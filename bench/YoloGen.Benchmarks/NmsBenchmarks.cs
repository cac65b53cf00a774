using BenchmarkDotNet.Attributes;
using YoloGen.Validation;
using static TorchSharp.torch;

namespace YoloGen.Benchmarks;

/// <summary>
/// Non-maximum suppression of one 640² image's decoded output (84 × 8400) with the validation settings (conf 0.001,
/// multi-label) and the prediction settings (conf 0.25, best class). Boxes cluster around 50 objects so that
/// suppression has work to do; 0.5 % of the background class scores pass 0.001, giving ~11,000 validation candidates.
/// </summary>
public class NmsBenchmarks
{
    private Tensor prediction = null!;

    [GlobalSetup]
    public void Setup()
    {
        Torch.Setup();
        const long anchors = 8400, classes = 80, objects = 50;
        var owner = randint(objects, anchors);
        var centres = rand(objects, 2) * 600 + 20;
        var sizes = rand(objects, 2) * 150 + 10;
        var xy = centres.index_select(0, owner) + randn(anchors, 2) * 4;
        var wh = sizes.index_select(0, owner) * (1 + randn(anchors, 2) * 0.05);
        var objectClass = randint(classes, objects).index_select(0, owner);
        var scores = rand(anchors, classes) * 0.001005;             // background: 0.5 % above 0.001
        scores.index_put_(rand(anchors) * 0.9 + 0.05, arange(anchors), objectClass);
        prediction = cat([xy, wh, scores], 1).t().unsqueeze(0).contiguous();
    }

    [Benchmark]
    public int Validation() => Run(NmsSettings.Validation);

    [Benchmark]
    public int Predict() => Run(NmsSettings.Predict);

    private int Run(NmsSettings settings)
    {
        var detections = NonMaxSuppression.Apply(prediction, settings);
        int kept = (int)detections[0].Count;
        foreach (var d in detections) d.Dispose();
        return kept;
    }

    [GlobalCleanup]
    public void Cleanup() => prediction.Dispose();
}
