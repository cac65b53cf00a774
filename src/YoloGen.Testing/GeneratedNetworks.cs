using System.Reflection;
using System.Runtime.CompilerServices;

namespace YoloGen.Testing;

/// <summary>
/// Snapshot tests of the networks a project's build generated, in one line:
/// <code>[Fact] public void Networks() => GeneratedNetworks.Verify(typeof(ShapesN).Assembly);</code>
/// The texts are those the generator compiled into that assembly (its source manifest), so they are what the real
/// build produced from the project's YAML files, its <c>[YoloModule]</c> classes and its YoloGen version.
/// </summary>
public static class GeneratedNetworks
{
    /// <summary>Every file the build of <paramref name="assembly"/> generated: one per network class, and the registry <c>YoloModels</c>.</summary>
    /// <exception cref="SnapshotMismatchException">The assembly holds no source manifest; the message says what to check.</exception>
    public static IReadOnlyList<GeneratedSource> In(Assembly assembly) => SourceManifest.Read(assembly).Sources;

    /// <summary>
    /// Checks the generated files of <paramref name="assembly"/> against <c>&lt;Class&gt;.verified.cs</c> files in the
    /// folder of the calling test's source file (or <paramref name="directory"/>, relative to that folder). Without
    /// <paramref name="only"/>: every network and the registry, and a verified file whose class is no longer generated
    /// fails as stale. With it: those classes, each of which must still be generated. Fails with a
    /// <see cref="SnapshotMismatchException"/> naming each received file with a unified diff; run the tests with
    /// <c>YOLOGEN_ACCEPT_SNAPSHOTS=1</c> to accept.
    /// </summary>
    public static void Verify(Assembly assembly, IReadOnlyCollection<string>? only = null, string? directory = null,
        [CallerFilePath] string testFile = "")
    {
        var (sources, generatorVersion) = SourceManifest.Read(assembly);
        var name = assembly.GetName().Name;
        var networks = sources.Where(s => s.Name != SourceManifest.RegistryName).Select(s => s.Name).ToList();
        if (networks.Count == 0)
            throw new SnapshotMismatchException(
                $"The build of '{name}' (YoloGen {generatorVersion}) generated no networks. Check that its model YAML files are in that project's " +
                "models/ folder (or that YoloGenModelFiles, or AdditionalFiles with YoloGenAddModelFiles=false, names them) and that its build " +
                "reports no YG errors or warnings.");

        var chosen = sources;
        if (only is not null)
        {
            var missing = only.Where(c => sources.All(s => s.Name != c)).ToList();
            if (missing.Count > 0)
                throw new SnapshotMismatchException(
                    $"Not generated in '{name}': {string.Join(", ", missing)}. Its build generated {string.Join(", ", sources.Select(s => s.Name))}. " +
                    "A removed or renamed network: update the list and delete its verified file.");
            chosen = sources.Where(s => only.Contains(s.Name)).ToList();
        }
        SnapshotFolder.Verify(ResolveFolder(testFile, directory), chosen, complete: only is null);
    }

    private static string ResolveFolder(string testFile, string? directory)
    {
        if (directory is not null && Path.IsPathFullyQualified(directory)) return directory;
        var testFolder = Path.GetDirectoryName(testFile);
        if (string.IsNullOrEmpty(testFolder) || !Directory.Exists(testFolder))
            throw new SnapshotMismatchException(
                $"The test's source folder '{testFolder}' (from its compile-time path '{testFile}') does not exist here, so the snapshots beside " +
                "it cannot be found. Run the tests where they were built, or pass directory: an absolute path (a path map such as " +
                "ContinuousIntegrationBuild=true rewrites source paths).");
        return directory is null ? testFolder : Path.Combine(testFolder, directory);
    }
}
