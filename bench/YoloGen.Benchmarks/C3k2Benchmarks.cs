using BenchmarkDotNet.Attributes;
using YoloGen.Nn;
using static TorchSharp.torch;

namespace YoloGen.Benchmarks;

/// <summary>C3k2 blocks of yolo11n at 640: layer 2 (Bottleneck, 32→64 at 160²) and layer 6 (C3k, 128→128 at 40²), eval mode.</summary>
public class C3k2Benchmarks
{
    private C3k2 bottleneckBlock = null!;
    private C3k2 c3kBlock = null!;
    private Tensor x2 = null!;
    private Tensor x6 = null!;

    [GlobalSetup]
    public void Setup()
    {
        Torch.Setup();
        bottleneckBlock = new C3k2(32, 64, 1, c3k: false, e: 0.25);
        c3kBlock = new C3k2(128, 128, 1, c3k: true);
        bottleneckBlock.eval();
        c3kBlock.eval();
        x2 = randn(1, 32, 160, 160);
        x6 = randn(1, 128, 40, 40);
    }

    [Benchmark]
    public void Layer2Bottleneck()
    {
        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        bottleneckBlock.call(x2);
    }

    [Benchmark]
    public void Layer6C3k()
    {
        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        c3kBlock.call(x6);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        bottleneckBlock.Dispose();
        c3kBlock.Dispose();
        x2.Dispose();
        x6.Dispose();
    }
}
