using Xunit;

namespace YoloGen.Runtime.Tests;

/// <summary>
/// <see cref="NativeHeap.RetainFreedMemory"/> applies glibc's settings on Linux and leaves them alone when the
/// environment chose its own or asks for glibc's defaults (its effect on speed is a benchmark figure, docs/benchmarks.md, not a test).
/// </summary>
/// <remarks>
/// The test sets and clears process environment variables, so it runs alone, and it starts from a clean environment:
/// whatever <c>MALLOC_*</c> the machine running the suite exports is put aside and restored afterwards.
/// </remarks>
[Collection(Training.SerialCollection.Name)]
public class NativeHeapTests
{
    private static readonly string[] Variables = ["MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_", "YOLOGEN_MALLOC_DEFAULTS"];

    [Fact]
    public void Applies_on_linux_unless_the_environment_sets_malloc_thresholds()
    {
        var saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var variable in Variables) Environment.SetEnvironmentVariable(variable, null);
            Assert.Equal(OperatingSystem.IsLinux(), NativeHeap.RetainFreedMemory());

            foreach (var variable in Variables)
            {
                Environment.SetEnvironmentVariable(variable, "131072");
                Assert.False(NativeHeap.RetainFreedMemory(), variable);
                Environment.SetEnvironmentVariable(variable, null);
            }
        }
        finally
        {
            foreach (var (variable, value) in saved) Environment.SetEnvironmentVariable(variable, value);
        }
    }
}
