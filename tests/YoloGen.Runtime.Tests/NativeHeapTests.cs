using Xunit;

namespace YoloGen.Runtime.Tests;

/// <summary>
/// <see cref="NativeHeap.RetainFreedMemory"/> applies glibc's settings on Linux and leaves them alone when the
/// environment chose its own or asks for glibc's defaults (its effect on speed is a benchmark figure, docs/benchmarks.md, not a test).
/// </summary>
public class NativeHeapTests
{
    [Fact]
    public void Applies_on_linux_unless_the_environment_sets_malloc_thresholds()
    {
        Assert.Equal(OperatingSystem.IsLinux(), NativeHeap.RetainFreedMemory());

        foreach (var variable in new[] { "MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_", "YOLOGEN_MALLOC_DEFAULTS" })
        {
            Environment.SetEnvironmentVariable(variable, "131072");
            try
            {
                Assert.False(NativeHeap.RetainFreedMemory(), variable);
            }
            finally
            {
                Environment.SetEnvironmentVariable(variable, null);
            }
        }
    }
}
