namespace YoloGen.Runtime.Tests;

/// <summary>Locates the repository (the folder holding YoloGen.sln) by walking up from the test assembly.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string RepoRoot => Root.Value;

    public static string Reference => Path.Combine(RepoRoot, "tests", "reference");

    public static string GoldenJson(string model) => Path.Combine(Reference, "json", model + ".json");

    public static string Fixture(string file) => Path.Combine(Reference, "fixtures", file);

    /// <summary>A checkpoint (or its eval output) written by the reference, under tests/reference/pt.</summary>
    public static string Checkpoint(string file) => Path.Combine(Reference, "pt", file);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "YoloGen.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no YoloGen.sln above {AppContext.BaseDirectory}");
    }
}
