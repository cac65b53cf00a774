using BenchmarkDotNet.Attributes;
using YoloGen.Nn;
using static TorchSharp.torch;

namespace YoloGen.Benchmarks;

/// <summary>One 3×3 Conv (conv → BN → SiLU) as yolo11n's stride-4 stage sees it (64 channels at 160²), eval mode, with and without fusion.</summary>
public class ConvBenchmarks
{
    private Conv conv = null!;
    private Tensor input = null!;

    [Params(false, true)] public bool Fused { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Torch.Setup();
        conv = new Conv(64, 64, 3);
        conv.eval();
        if (Fused) conv.Fuse();
        input = randn(1, 64, 160, 160);
    }

    [Benchmark]
    public void Forward()
    {
        using var mode = inference_mode();
        conv.call(input).Dispose();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        conv.Dispose();
        input.Dispose();
    }
}
