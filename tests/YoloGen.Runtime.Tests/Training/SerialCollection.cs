namespace YoloGen.Runtime.Tests.Training;

/// <summary>
/// Tests that change process-wide state run alone, after the parallel ones: seeding TorchSharp's global random
/// generator (another test drawing from it in parallel would change the initial weights of a bit-identical run),
/// installing the tensor pool as libtorch's allocator, and setting environment variables or glibc's malloc options.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial (process-wide state)";
}
