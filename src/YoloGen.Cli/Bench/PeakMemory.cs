using System.Runtime.InteropServices;

namespace YoloGen.Cli.Bench;

/// <summary>
/// Peak resident memory of a stretch of code, from Linux's per-process high-water mark (VmHWM), which
/// <c>/proc/self/clear_refs</c> resets. For the peak to follow the live tensors, <see cref="UseMmapForLargeBlocks"/>
/// makes glibc serve every block of 64 KiB or more with its own mapping, returned to the system when freed (by
/// default glibc raises that threshold as blocks are freed and keeps freed memory mapped). That costs page
/// faults, so timings taken in this mode are not speed figures.
/// </summary>
internal static class PeakMemory
{
    private const int MmapThresholdParameter = -3; // M_MMAP_THRESHOLD in <malloc.h>

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallOpt(int parameter, int value);

    public static bool IsAvailable => OperatingSystem.IsLinux() && File.Exists("/proc/self/clear_refs");

    public static void UseMmapForLargeBlocks()
    {
        if (MallOpt(MmapThresholdParameter, 64 * 1024) != 1)
            throw new InvalidOperationException("mallopt(M_MMAP_THRESHOLD) was refused");
    }

    /// <summary>Bytes by which the resident set grew above its size at the start while <paramref name="action"/> ran.</summary>
    public static long Measure(Action action)
    {
        File.WriteAllText("/proc/self/clear_refs", "5"); // "5": reset the peak RSS to the current RSS
        long before = Read("VmRSS");
        action();
        return Read("VmHWM") - before;
    }

    private static long Read(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (!line.StartsWith(field + ":", StringComparison.Ordinal)) continue;
            var parts = line[(field.Length + 1)..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) * 1024; // kB
        }
        throw new InvalidOperationException($"/proc/self/status has no {field}");
    }
}
