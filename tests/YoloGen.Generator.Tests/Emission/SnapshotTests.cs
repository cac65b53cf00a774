using System.Runtime.CompilerServices;
using YoloGen.Generator.Tests.Infrastructure;
using YoloGen.Testing;
using Xunit;

namespace YoloGen.Generator.Tests.Emission;

/// <summary>
/// The generated source against the committed snapshots in Snapshots/, through YoloGen.Testing's
/// <see cref="SnapshotFolder"/> (the workflow users get): every file of models/yolo11.yaml, and the n-scale class of
/// every model file in models/ (the one class of a file without scales, such as yolov9t.yaml), each with its ONNX wiring partial (<c>.Onnx</c>). The folder must hold exactly these, so a snapshot left from a removed file fails.
/// Accept a change with <c>YOLOGEN_ACCEPT_SNAPSHOTS=1 dotnet test tests/YoloGen.Generator.Tests --filter SnapshotTests</c>.
/// </summary>
public sealed class SnapshotTests
{
    [Fact]
    public void Generated_sources_match_the_snapshots_and_none_is_stale()
    {
        var yolo11 = Generate("yolo11.yaml");
        Assert.Equal(["Yolo11l", "Yolo11l.Onnx", "Yolo11m", "Yolo11m.Onnx", "Yolo11n", "Yolo11n.Onnx", "Yolo11s", "Yolo11s.Onnx",
            "Yolo11x", "Yolo11x.Onnx", "YoloModels"], yolo11.Select(s => s.Name).Order(StringComparer.Ordinal));

        // Each file's n-scale class and its ONNX wiring partial.
        var scaleN = ModelFiles().SelectMany(file =>
        {
            var sources = Generate(file);
            var networks = sources.Where(s => s.Name != "YoloModels" && !s.Name.EndsWith(".Onnx", StringComparison.Ordinal)).ToList();
            var network = networks.Count == 1 ? networks[0] : networks.Single(s => s.Text.Contains(", scale n (", StringComparison.Ordinal));
            return new[] { network, sources.Single(s => s.Name == network.Name + ".Onnx") };
        });
        SnapshotFolder.Verify(SnapshotsFolder(), yolo11.Concat(scaleN), complete: true);
    }

    private static List<GeneratedSource> Generate(string fileName)
    {
        var result = GeneratorRunner.RunOnFiles(Path.Combine(RepositoryPaths.Models, fileName));
        Assert.Empty(result.Diagnostics);
        return result.Results.Single().GeneratedSources
            .Select(s => new GeneratedSource(s.HintName[..^".g.cs".Length], s.SourceText.ToString()))
            .ToList();
    }

    private static IEnumerable<string> ModelFiles() =>
        Directory.GetFiles(RepositoryPaths.Models, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    private static string SnapshotsFolder([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "Snapshots"));
}
