using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using YoloGen.Generator;

namespace YoloGen.Benchmarks;

/// <summary>
/// The model generator from scratch (new driver, nothing cached: what a clean build pays) on each file of models/
/// and on all of them at once, as the compiler runs it: parse, resolve every scale, emit the classes and registry.
/// </summary>
public class GeneratorBenchmarks
{
    private const string All = "(all of models/)";
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);
    private ImmutableArray<AdditionalText> files;
    private CSharpCompilation compilation = null!;

    [ParamsSource(nameof(Files))] public string File { get; set; } = All;

    public static IEnumerable<string> Files() =>
        Directory.GetFiles(ModelsFolder(), "*.yaml").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).Append(All);

    [GlobalSetup]
    public void Setup()
    {
        var paths = Directory.GetFiles(ModelsFolder(), "*.yaml").Where(p => File == All || Path.GetFileName(p) == File);
        files = [.. paths.Select(p => (AdditionalText)new InMemoryText(p, System.IO.File.ReadAllText(p)))];
        compilation = CSharpCompilation.Create("Consumer", [], [], new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
    }

    [Benchmark]
    public int Generate()
    {
        var driver = CSharpGeneratorDriver.Create([new YoloModelGenerator().AsSourceGenerator()], files, ParseOptions);
        var result = driver.RunGenerators(compilation).GetRunResult();
        if (result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
        return result.GeneratedTrees.Length;
    }

    private static string ModelsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "YoloGen.sln"))) return Path.Combine(dir.FullName, "models");
        throw new InvalidOperationException($"no YoloGen.sln above {AppContext.BaseDirectory}");
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        private readonly SourceText source = SourceText.From(text);
        public override string Path { get; } = path;
        public override SourceText GetText(CancellationToken cancellationToken = default) => source;
    }
}
