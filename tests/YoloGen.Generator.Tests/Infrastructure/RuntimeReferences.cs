using System.Reflection;
using Microsoft.CodeAnalysis;

namespace YoloGen.Generator.Tests.Infrastructure;

/// <summary>
/// What generated code compiles against: the platform, and the real YoloGen.Runtime and TorchSharp assemblies
/// (metadata only; their paths are stamped into this assembly by the test project).
/// </summary>
internal static class RuntimeReferences
{
    public static IReadOnlyList<MetadataReference> All { get; } = Load().ToList();

    private static IEnumerable<MetadataReference> Load()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        foreach (var path in platform) yield return MetadataReference.CreateFromFile(path);
        foreach (var name in new[] { "YoloGen.Runtime", "TorchSharp" })
        {
            var path = typeof(RuntimeReferences).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == name).Value!;
            if (!File.Exists(path)) throw new FileNotFoundException($"{name} not found at {path}; build src/YoloGen.Runtime first.", path);
            yield return MetadataReference.CreateFromFile(path);
        }
    }
}
