using YoloGen.Generator.Tests.Infrastructure;
using Xunit;

namespace YoloGen.Generator.Tests.Emission;

/// <summary>The generated source for models/yolo11.yaml, file by file, against the committed snapshots.</summary>
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
}
