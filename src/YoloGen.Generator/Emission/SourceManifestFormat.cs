namespace YoloGen.Generator.Emission;

/// <summary>
/// How the source manifest sits in the compiled assembly: one <c>[assembly: AssemblyMetadata(key, value)]</c> per
/// generated file, so a reader finds it with <c>Assembly.GetCustomAttributes</c> and no type lookup. Shared by the
/// generator, which writes it, and YoloGen.Testing, which reads it (the file is linked into both).
/// </summary>
internal static class SourceManifestFormat
{
    /// <summary>MSBuild property (a <c>CompilerVisibleProperty</c>) that turns the manifest on: <c>true</c>.</summary>
    public const string Property = "YoloGenSourceManifest";

    /// <summary>Key of the entry that marks the manifest; its value is the format version.</summary>
    public const string MarkerKey = "YoloGen.SourceManifest";

    public const string Version = "1";

    /// <summary>Key prefix of one generated file; the rest of the key is its hint name (<c>ShapesN.g.cs</c>), the value its text.</summary>
    public const string SourceKeyPrefix = "YoloGen.GeneratedSource:";

    /// <summary>Key of the generator's version (the package version that generated the files).</summary>
    public const string GeneratorVersionKey = "YoloGen.GeneratorVersion";
}
