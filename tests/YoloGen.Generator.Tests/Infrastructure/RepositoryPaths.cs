namespace YoloGen.Generator.Tests.Infrastructure;

/// <summary>Locates the repository (the folder holding YoloGen.sln) by walking up from the test assembly.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Reference => Path.Combine(Root, "tests", "reference");

    public static string Models => Path.Combine(Root, "models");

    public static string ReferenceJson(string model) => Path.Combine(Reference, "json", model + ".json");

    /// <summary>The reference YAML file with this name, wherever it sits under tests/reference/yaml.</summary>
    public static string ReferenceYaml(string fileName) =>
        Directory.EnumerateFiles(Path.Combine(Reference, "yaml"), fileName, SearchOption.AllDirectories).Single();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "YoloGen.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("YoloGen.sln not found above " + AppContext.BaseDirectory);
    }
}
