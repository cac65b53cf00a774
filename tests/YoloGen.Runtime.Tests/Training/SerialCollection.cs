namespace YoloGen.Runtime.Tests.Training;

/// <summary>
/// Tests that seed TorchSharp's process-wide random generator and expect bit-identical results run alone:
/// another test drawing from the same generator in parallel would change the initial weights.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial (global torch seed)";
}
