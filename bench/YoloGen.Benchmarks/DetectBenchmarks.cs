using BenchmarkDotNet.Attributes;
using YoloGen.Nn;
using static TorchSharp.torch;

namespace YoloGen.Benchmarks;

/// <summary>
/// yolo11n's Detect head at 640 (inputs 64/128/256 channels at 80², 40², 20²; 80 classes): the whole eval forward
/// (both branches + decode), and the decode alone (DFL expectation, anchors, sigmoid) of ready raw maps.
/// </summary>
public class DetectBenchmarks
{
    private Detect head = null!;
    private Tensor[] features = null!;
    private Tensor[] raw = null!;

    [GlobalSetup]
    public void Setup()
    {
        Torch.Setup();
        head = new Detect(80, Detect.DefaultRegMax, false, [64, 128, 256], [8, 16, 32]);
        head.eval();
        features = [randn(1, 64, 80, 80), randn(1, 128, 40, 40), randn(1, 256, 20, 20)];
        raw = [randn(1, 144, 80, 80), randn(1, 144, 40, 40), randn(1, 144, 20, 20)];
    }

    [Benchmark]
    public void Forward()
    {
        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        head.call(features);
    }

    [Benchmark]
    public void Decode()
    {
        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        head.Decode(raw);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        head.Dispose();
        foreach (var t in features.Concat(raw)) t.Dispose();
    }
}
