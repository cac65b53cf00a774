using static TorchSharp.torch;

namespace YoloGen.Benchmarks;

/// <summary>
/// Shared set-up: the allocator settings the yologen command uses (NativeHeap), libtorch's intra-op thread count (the
/// machine's cores unless YOLOGEN_THREADS says otherwise) and seeded inputs.
/// </summary>
public static class Torch
{
    public static void Setup()
    {
        NativeHeap.RetainFreedMemory();
        var threads = Environment.GetEnvironmentVariable("YOLOGEN_THREADS");
        set_num_threads(int.TryParse(threads, out int n) && n > 0 ? n : Environment.ProcessorCount);
        manual_seed(0);
    }
}
