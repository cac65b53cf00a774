using YoloGen.Generator.Tests.Infrastructure;
using Xunit;

namespace YoloGen.Generator.Tests.Emission;

/// <summary>
/// The generated source against the committed snapshots: models/yolo11.yaml file by file, and the n-scale class
/// of every model file in models/.
/// </summary>
public sealed class SnapshotTests
{
    [Theory]
    [InlineData("Yolo11n")]
    [InlineData("Yolo11s")]
    [InlineData("Yolo11m")]
    [InlineData("Yolo11l")]
    [InlineData("Yolo11x")]
    [InlineData("YoloModels")]
    public void Yolo11_sources_match_the_snapshots(string className)
    {
        var result = GeneratorRunner.RunOnFiles(Path.Combine(RepositoryPaths.Models, "yolo11.yaml"));
        Assert.Empty(result.Diagnostics);
        var source = result.Results.Single().GeneratedSources.Single(s => s.HintName == className + ".g.cs");
        Snapshot.Verify(className, source.SourceText.ToString());
    }

    public static TheoryData<string> ModelFiles() =>
        new(Directory.GetFiles(RepositoryPaths.Models, "*.yaml").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(ModelFiles))]
    public void Every_model_file_at_scale_n_matches_its_snapshot(string fileName)
    {
        var result = GeneratorRunner.RunOnFiles(Path.Combine(RepositoryPaths.Models, fileName));
        Assert.Empty(result.Diagnostics);
        var sources = result.Results.Single().GeneratedSources;
        Assert.Equal(11, sources.Length); // five scales, their ONNX wiring and the registry
        var scaleN = sources.Single(s => s.SourceText.ToString().Contains(", scale n (", StringComparison.Ordinal));
        Snapshot.Verify(scaleN.HintName.Replace(".g.cs", ""), scaleN.SourceText.ToString());
        var onnx = sources.Single(s => s.HintName == scaleN.HintName.Replace(".g.cs", ".Onnx.g.cs"));
        Snapshot.Verify(onnx.HintName.Replace(".g.cs", ""), onnx.SourceText.ToString());
    }
}
