namespace YoloGen.Tests.Support;

/// <summary>Locates the reference fixtures (tests/reference/fixtures) from the test binary's folder.</summary>
internal static class Fixtures
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, "tests", "reference", "fixtures");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"tests/reference/fixtures not found above {AppContext.BaseDirectory}");
    });

    public static string PathOf(string fileName) => System.IO.Path.Combine(Root.Value, fileName);
}
