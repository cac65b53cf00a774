using System.Runtime.InteropServices;

namespace YoloGen;

/// <summary>
/// Allocator settings for tensor work. libtorch takes CPU tensor memory from the C library's malloc. By default glibc
/// serves large blocks with fresh mappings and hands freed memory back to the system, so a forward pass that frees
/// its intermediates early (as YoloGen's eval forwards do) pays for page faults on every new buffer: measured at
/// yolo11n 640, ~14,000 faults and a quarter of the time of each forward (docs/benchmarks.md).
/// </summary>
public static class NativeHeap
{
    private const int TrimThreshold = -1; // M_TRIM_THRESHOLD in <malloc.h>
    private const int MmapThreshold = -3; // M_MMAP_THRESHOLD

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallOpt(int parameter, int value);

    /// <summary>
    /// Lets freed tensor memory stay in the process for the next buffer: blocks under
    /// <paramref name="mmapThreshold"/> come from the heap, and up to <paramref name="trimThreshold"/> of free heap is
    /// kept. The resident set then stays near its peak instead of shrinking between passes. Blocks of 32 MB and more
    /// (glibc's own ceiling for its adaptive threshold) are still mapped and unmapped one by one: they are rare at
    /// inference sizes, and kept in the heap they fragment it (the default training run settled 0.3 GB higher with
    /// a 256 MB threshold at the same speed; docs/training.md). Does nothing (and returns
    /// false) outside Linux, when the environment already sets <c>MALLOC_MMAP_THRESHOLD_</c> or
    /// <c>MALLOC_TRIM_THRESHOLD_</c>, or when <c>YOLOGEN_MALLOC_DEFAULTS</c> is set (to measure glibc's defaults).
    /// Call it once, early; it affects the whole process.
    /// </summary>
    public static bool RetainFreedMemory(int mmapThreshold = 32 << 20, int trimThreshold = 1 << 30)
    {
        if (!OperatingSystem.IsLinux()) return false;
        if (Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is not null
            || Environment.GetEnvironmentVariable("MALLOC_TRIM_THRESHOLD_") is not null
            || Environment.GetEnvironmentVariable("YOLOGEN_MALLOC_DEFAULTS") is not null) return false;
        try
        {
            // Both, or glibc's adaptive thresholds are switched off with the other one left small (slower than default).
            return MallOpt(MmapThreshold, mmapThreshold) == 1 & MallOpt(TrimThreshold, trimThreshold) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // not glibc
        }
    }
}
