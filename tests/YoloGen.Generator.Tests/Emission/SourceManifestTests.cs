using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using YoloGen.Generator.Emission;
using YoloGen.Generator.Tests.Infrastructure;
using YoloGen.Testing;
using Xunit;

namespace YoloGen.Generator.Tests.Emission;

/// <summary>
/// The source manifest (<c>YoloGenSourceManifest=true</c>): compiled into an assembly and read back by YoloGen.Testing,
/// it holds exactly the files the generator added, byte for byte; it is off unless the property says true.
/// </summary>
public sealed class SourceManifestTests
{
    private static readonly Dictionary<string, string> On = new() { ["YoloGenSourceManifest"] = "true", ["YoloGenNamespace"] = "MyApp.Networks" };

    [Fact]
    public void The_manifest_read_from_the_compiled_assembly_equals_every_generated_file()
    {
        var files = Directory.GetFiles(RepositoryPaths.Models, "*.yaml").Order(StringComparer.Ordinal)
            .Select(p => (AdditionalText)new GeneratorRunner.TextFile(p, File.ReadAllText(p)));
        var result = GeneratorRunner.Run(files, On);
        Assert.Empty(result.Diagnostics);
        var generated = result.Results.Single().GeneratedSources;
        var added = generated.Where(s => s.HintName != SourceManifestEmitter.HintName)
            .Select(s => new GeneratedSource(s.HintName[..^".g.cs".Length], s.SourceText.ToString()))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        Assert.True(added.Count > 20, $"only {added.Count} files generated from models/");

        var read = ReadBack(generated.Single(s => s.HintName == SourceManifestEmitter.HintName).SourceText.ToString());

        Assert.Equal(added.Select(s => s.Name), read.Select(s => s.Name));
        for (var i = 0; i < added.Count; i++) Assert.True(added[i].Text == read[i].Text, added[i].Name + " differs from its manifest entry");
        Assert.Contains(read, s => s.Name == "YoloModels" && s.Text.Contains("namespace MyApp.Networks;", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    [InlineData("")]
    public void Without_the_switch_no_manifest_is_generated(string? value)
    {
        var properties = value is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["YoloGenSourceManifest"] = value };
        var result = GeneratorRunner.Run([Yolo11()], properties);
        var hints = result.Results.Single().GeneratedSources.Select(s => s.HintName).ToList();
        Assert.Equal(11, hints.Count); // five scales, their ONNX wiring, the registry
        Assert.DoesNotContain(SourceManifestEmitter.HintName, hints);
    }

    [Fact]
    public void Classes_left_out_for_a_duplicate_name_are_left_out_of_the_manifest_too()
    {
        var yaml = File.ReadAllText(Path.Combine(RepositoryPaths.Models, "yolo11.yaml"));
        var result = GeneratorRunner.Run([new GeneratorRunner.TextFile("/a/yolo11.yaml", yaml), new GeneratorRunner.TextFile("/b/yolo11.yaml", yaml)], On);
        Assert.Contains(result.Diagnostics, d => d.Id == "YG0015");
        var manifest = result.Results.Single().GeneratedSources.Single(s => s.HintName == SourceManifestEmitter.HintName);
        Assert.Equal(["YoloModels"], ReadBack(manifest.SourceText.ToString()).Select(s => s.Name));
    }

    [Fact]
    public void A_build_without_model_files_fails_the_snapshot_test_saying_what_to_check()
    {
        var result = GeneratorRunner.Run([], On);
        var manifest = result.Results.Single().GeneratedSources.Single(s => s.HintName == SourceManifestEmitter.HintName);
        var (assembly, context) = Load(manifest.SourceText.ToString());
        try
        {
            var error = Assert.Throws<SnapshotMismatchException>(() => GeneratedNetworks.Verify(assembly));
            Assert.Contains("generated no networks", error.Message);
            Assert.Contains("models/", error.Message);
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void The_generated_text_does_not_depend_on_where_the_yaml_file_is()
    {
        var yaml = File.ReadAllText(Path.Combine(RepositoryPaths.Models, "yolo11.yaml"));
        var here = GeneratorRunner.Run([new GeneratorRunner.TextFile("/home/someone/app/models/yolo11.yaml", yaml)], On);
        var there = GeneratorRunner.Run([new GeneratorRunner.TextFile("/srv/ci/build-7/models/yolo11.yaml", yaml)], On);
        var texts = here.Results.Single().GeneratedSources.Select(s => s.SourceText.ToString()).ToList();
        Assert.Equal(12, texts.Count); // five scales, their ONNX wiring, the registry, the manifest
        Assert.Equal(texts, there.Results.Single().GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.DoesNotContain(texts, t => t.Contains("someone", StringComparison.Ordinal) || t.Contains("\r", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unrelated_CSharp_edit_leaves_the_manifest_cached()
    {
        var compilation = GeneratorRunner.EmptyCompilation(CSharpSyntaxTree.ParseText("class Other { int x; }", GeneratorRunner.ParseOptions));
        var driver = GeneratorRunner.CreateDriver([Yolo11()], On).RunGenerators(compilation);
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText("class Other { int y; }", GeneratorRunner.ParseOptions));

        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(SourceManifestEmitter.SwitchTrackingName, result.TrackedSteps.Keys);
        foreach (var (name, steps) in result.TrackedSteps)
            foreach (var output in steps.SelectMany(s => s.Outputs))
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name}: {output.Reason}");
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void A_yaml_edit_rewrites_the_manifest_with_the_new_text()
    {
        var path = Path.Combine(RepositoryPaths.Models, "yolo11-se.yaml");
        var yaml = File.ReadAllText(path);
        var file = new GeneratorRunner.TextFile(path, yaml);
        var compilation = GeneratorRunner.EmptyCompilation();
        var driver = GeneratorRunner.CreateDriver([Yolo11(), file], On).RunGenerators(compilation);
        var changed = yaml.Replace("[-1, 1, SPPF, [1024, 5]] # 10", "[-1, 1, SPPF, [1024, 3]] # 10");
        Assert.NotEqual(yaml, changed);

        driver = driver.ReplaceAdditionalText(file, new GeneratorRunner.TextFile(path, changed)).RunGenerators(compilation);

        var sources = driver.GetRunResult().Results.Single().GeneratedSources;
        var read = ReadBack(sources.Single(s => s.HintName == SourceManifestEmitter.HintName).SourceText.ToString());
        var se = read.Single(s => s.Name == "Yolo11nSe");
        Assert.Contains("[-1, 1, SPPF, [1024, 3]] → SPPF(256, 256, k: 3, cv1Act: Reference.SppfCv1Activation)", se.Text);
        Assert.Equal(sources.Single(s => s.HintName == "Yolo11nSe.g.cs").SourceText.ToString(), se.Text);
    }

    private static AdditionalText Yolo11()
    {
        var path = Path.Combine(RepositoryPaths.Models, "yolo11.yaml");
        return new GeneratorRunner.TextFile(path, File.ReadAllText(path));
    }

    /// <summary>The manifest alone compiled into an assembly (it needs only the platform), loaded and read as a test would.</summary>
    private static List<GeneratedSource> ReadBack(string manifest)
    {
        var (assembly, context) = Load(manifest);
        try
        {
            return GeneratedNetworks.In(assembly).ToList();
        }
        finally
        {
            context.Unload();
        }
    }

    private static (Assembly, AssemblyLoadContext) Load(string source)
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("Consumer", [CSharpSyntaxTree.ParseText(source, GeneratorRunner.ParseOptions)], platform,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        var context = new AssemblyLoadContext("manifest-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        return (context.LoadFromStream(image), context);
    }
}
