using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using YoloGen.Generator.Model;
using YoloGen.Generator.Tests.Infrastructure;

namespace YoloGen.Generator.Tests.UserModules;

/// <summary>
/// A consumer project in memory: C# sources with <c>[YoloModule]</c> classes, compiled against the real
/// YoloGen.Runtime and TorchSharp, plus one model YAML; the generator runs over both, as in a build.
/// </summary>
internal static class UserModuleProject
{
    public const string SourcePath = "/project/Modules.cs";
    public const string YamlPath = "/project/models/tiny.yaml";

    /// <summary>Usings every test source starts with (two lines, so line numbers in the tests count from line 3).</summary>
    public const string Usings = "using TorchSharp; using YoloGen; using static TorchSharp.torch;\nnamespace MyApp;\n";

    public static CSharpCompilation Compilation(params string[] sources) =>
        CSharpCompilation.Create("Consumer",
            sources.Select((text, i) => CSharpSyntaxTree.ParseText(text, GeneratorRunner.ParseOptions, i == 0 ? SourcePath : $"/project/Other{i}.cs")),
            RuntimeReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static Run Generate(string source, string yaml, string yamlPath = YamlPath)
    {
        var driver = GeneratorRunner.CreateDriver([new GeneratorRunner.TextFile(yamlPath, yaml)]);
        driver = driver.RunGeneratorsAndUpdateCompilation(Compilation(source), out var output, out _);
        return new Run(driver.GetRunResult(), output);
    }

    public sealed record Run(GeneratorDriverRunResult Result, Compilation Output)
    {
        public IReadOnlyList<Diagnostic> Diagnostics => Result.Diagnostics;

        public IReadOnlyList<ResolvedModel> Models =>
            Result.Results.Single().TrackedSteps.TryGetValue(TrackingNames.Models, out var steps)
                ? steps.SelectMany(s => s.Outputs).Select(o => (ResolvedModel)o.Value).ToList()
                : [];

        public string Source(string className) =>
            Result.Results.Single().GeneratedSources.Single(s => s.HintName == className + ".g.cs").SourceText.ToString();

        /// <summary>Errors and warnings of the consumer's compilation with the generated files in it.</summary>
        public IReadOnlyList<string> CompilerProblems =>
            Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToList();
    }
}
