using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using YoloGen.Generator.Tests.Infrastructure;
using Xunit;

namespace YoloGen.Generator.Tests.Emission;

/// <summary>
/// The generated code compiles, without warnings, against the real YoloGen.Runtime and TorchSharp assemblies
/// (the contract of docs/architecture.md), in the default namespace and in a consumer's own.
/// </summary>
public sealed class CompilationTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("MyApp.Networks")]
    public void Every_model_in_models_compiles_against_the_runtime(string? targetNamespace)
    {
        var files = Directory.GetFiles(RepositoryPaths.Models, "*.yaml")
            .Select(p => new GeneratorRunner.TextFile(p, File.ReadAllText(p)))
            .ToList();
        var usage = CSharpSyntaxTree.ParseText(
            $$"""
            using {{targetNamespace ?? "YoloGen.Models"}};
            public static class Usage
            {
                public static YoloGen.Models.DetectionModel Make() => new Yolo11nSe(nc: 3);
                public static YoloGen.Models.DetectionModel ByName() => YoloModels.Create("yolo11s", 20);
            }
            """, GeneratorRunner.ParseOptions);
        var compilation = CSharpCompilation.Create("Consumer", [usage], RuntimeReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        GeneratorRunner.CreateDriver(files, targetNamespace).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);

        Assert.Empty(generatorDiagnostics);
        var classes = Directory.GetFiles(RepositoryPaths.Models, "*.yaml").Sum(f => ModelPipeline.ResolveFile(f).Models.Count);
        Assert.Equal(2 * classes + 2, output.SyntaxTrees.Count()); // one class per scale of each file with its ONNX wiring, the registry, and Usage
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToList();
        Assert.Empty(problems);
    }
}
