using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using YoloGen.Generator.Model;
using YoloGen.Generator.Tests.Infrastructure;
using Xunit;

namespace YoloGen.Generator.Tests.Pipeline;

/// <summary>
/// The pipeline caches like a first-class incremental generator: an unrelated edit re-runs nothing, a YAML edit
/// re-emits only that file's classes, and an edit that only moves lines re-reports diagnostics without re-emitting.
/// </summary>
public sealed class IncrementalTests
{
    private static readonly string Yolo11 = System.IO.File.ReadAllText(Path.Combine(RepositoryPaths.Models, "yolo11.yaml"));
    private static readonly string Yolo11Se = System.IO.File.ReadAllText(Path.Combine(RepositoryPaths.Models, "yolo11-se.yaml"));

    [Fact]
    public void Editing_an_unrelated_CSharp_file_reruns_nothing()
    {
        var (driver, compilation) = FirstRun(File("yolo11.yaml", Yolo11), File("yolo11-se.yaml", Yolo11Se));
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText("class Other { int y; }", GeneratorRunner.ParseOptions));

        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.NotEmpty(result.TrackedSteps);
        foreach (var (name, steps) in result.TrackedSteps)
            foreach (var output in steps.SelectMany(s => s.Outputs))
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name}: {output.Reason}");
        AssertNoSourceOutputRan(result);
    }

    [Fact]
    public void Editing_one_yaml_file_reemits_only_its_classes()
    {
        var se = File("yolo11-se.yaml", Yolo11Se);
        var (driver, compilation) = FirstRun(File("yolo11.yaml", Yolo11), se);
        var changed = Yolo11Se.Replace("[-1, 1, SPPF, [1024, 5]] # 10", "[-1, 1, SPPF, [1024, 3]] # 10");
        Assert.NotEqual(Yolo11Se, changed);

        driver = driver.ReplaceAdditionalText(se, File("yolo11-se.yaml", changed));
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.Equal(IncrementalStepRunReason.Cached, ParseReason(result, "yolo11.yaml"));
        Assert.Equal(IncrementalStepRunReason.Modified, ParseReason(result, "yolo11-se.yaml"));
        var models = Outputs(result, TrackingNames.Models).Select(o => (((ResolvedModel)o.Value).ModelName, o.Reason)).ToList();
        Assert.All(models.Where(m => !m.ModelName.EndsWith("-se")), m => Assert.Equal(IncrementalStepRunReason.Cached, m.Reason));
        Assert.All(models.Where(m => m.ModelName.EndsWith("-se")), m => Assert.Equal(IncrementalStepRunReason.Modified, m.Reason));
        Assert.Equal(10, models.Count);
        // The same names and class counts: the registry's input is equal, so the registry is not rewritten.
        Assert.All(Outputs(result, TrackingNames.RegistryEntries),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Fact]
    public void Moving_lines_rereports_diagnostics_without_reemitting()
    {
        // A bad extra scale is an error, yet the five good scales are generated.
        var text = Yolo11Se.Replace("  x: [1.00, 1.50, 512]", "  x: [1.00, 1.50, 512]\n  t: [0.5, wide, 512]");
        var file = File("yolo11-se.yaml", text);
        var (driver, compilation) = FirstRun(file);
        var before = driver.GetRunResult();
        var error = Assert.Single(before.Diagnostics);
        Assert.Equal("YG0003", error.Id);
        Assert.Equal(10, before.Results.Single().GeneratedSources.Length - 1); // five scales, each with its ONNX wiring

        driver = driver.ReplaceAdditionalText(file, File("yolo11-se.yaml", "# one more line\n" + text));
        var run = driver.RunGenerators(compilation).GetRunResult();
        var result = run.Results.Single();

        Assert.Equal(error.Location.GetLineSpan().StartLinePosition.Line + 1, Assert.Single(run.Diagnostics).Location.GetLineSpan().StartLinePosition.Line);
        Assert.All(Outputs(result, TrackingNames.Diagnostics), o => Assert.Equal(IncrementalStepRunReason.Modified, o.Reason));
        Assert.All(Outputs(result, TrackingNames.Models), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        Assert.Equal(5, Outputs(result, TrackingNames.Models).Count);
    }

    /// <summary>The source outputs (the emitters) ran for nothing: every input they saw was cached.</summary>
    private static void AssertNoSourceOutputRan(GeneratorRunResult result) =>
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));

    private static (GeneratorDriver Driver, Compilation Compilation) FirstRun(params AdditionalText[] files)
    {
        var compilation = GeneratorRunner.EmptyCompilation(CSharpSyntaxTree.ParseText("class Other { int x; }", GeneratorRunner.ParseOptions));
        var driver = GeneratorRunner.CreateDriver(files).RunGenerators(compilation);
        return (driver, compilation);
    }

    private static AdditionalText File(string name, string text) => new GeneratorRunner.TextFile("/project/models/" + name, text);

    private static IncrementalStepRunReason ParseReason(GeneratorRunResult result, string fileName) =>
        Outputs(result, TrackingNames.Parse).Single(o => Path.GetFileName(((ParsedModelFile)o.Value).Document.FilePath) == fileName).Reason;

    private static List<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
}
