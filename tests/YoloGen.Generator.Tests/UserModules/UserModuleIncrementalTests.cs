using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using YoloGen.Generator.Tests.Diagnostics;
using YoloGen.Generator.Tests.Infrastructure;

namespace YoloGen.Generator.Tests.UserModules;

/// <summary>
/// User modules keep the pipeline incremental: editing a method body (of the module or of any other class)
/// re-reads the module into an equal spec, so no model is re-resolved or re-emitted; a change the generator
/// can see (a constructor parameter) re-resolves the models.
/// </summary>
public sealed class UserModuleIncrementalTests
{
    private const string Module = UserModuleProject.Usings + """
        [YoloModule("ECA")]
        public sealed class Eca : nn.Module<Tensor, Tensor>
        {
            public Eca(long c1, long k = 3) : base("ECA") { }
            public override Tensor forward(Tensor x) => x;
        }
        """;

    private const string Other = "public static class Helper { public static int Twice(int v) => v * 2; }";

    [Fact]
    public void Editing_the_forward_body_of_a_user_module_reresolves_nothing()
    {
        var result = Edit(Module, Module.Replace("forward(Tensor x) => x;", "forward(Tensor x) => x * 2;"), tree: 0);

        AssertStep(result, TrackingNames.UserModules, IncrementalStepRunReason.Unchanged);
        AssertStep(result, TrackingNames.UserCatalogue, IncrementalStepRunReason.Cached);
        AssertNothingResolvedOrEmitted(result);
    }

    [Fact]
    public void Editing_an_unrelated_method_body_reruns_nothing()
    {
        var result = Edit(Other, Other.Replace("v * 2", "v + v"), tree: 1);

        AssertNothingResolvedOrEmitted(result);
    }

    [Fact]
    public void Changing_a_constructor_parameter_reresolves_the_models()
    {
        var result = Edit(Module, Module.Replace("long k = 3", "int k = 3"), tree: 0);

        AssertStep(result, TrackingNames.UserModules, IncrementalStepRunReason.Modified);
        AssertStep(result, TrackingNames.Resolve, IncrementalStepRunReason.Modified);
    }

    /// <summary>Runs once, replaces syntax tree <paramref name="tree"/> with <paramref name="edited"/>, runs again.</summary>
    private static GeneratorRunResult Edit(string original, string edited, int tree)
    {
        Assert.NotEqual(original, edited);
        var compilation = UserModuleProject.Compilation(Module, Other);
        var yaml = new GeneratorRunner.TextFile(UserModuleProject.YamlPath, TinyModel.With("[-1, 1, C3k2, [256, False]]", "[-1, 1, ECA, [5]]"));
        var driver = GeneratorRunner.CreateDriver([yaml]).RunGenerators(compilation);
        Assert.Empty(driver.GetRunResult().Diagnostics);
        Assert.Equal(5, driver.GetRunResult().Results.Single().GeneratedSources.Length); // TinyN, TinyS, their ONNX wiring, registry

        var old = compilation.SyntaxTrees.ElementAt(tree);
        var changed = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(edited, GeneratorRunner.ParseOptions, old.FilePath));
        return driver.RunGenerators(changed).GetRunResult().Results.Single();
    }

    private static void AssertNothingResolvedOrEmitted(GeneratorRunResult result)
    {
        foreach (var step in new[] { TrackingNames.Catalogue, TrackingNames.Resolve, TrackingNames.Models, TrackingNames.RegistryEntries })
            Assert.All(Outputs(result, step), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {r}"));
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    private static void AssertStep(GeneratorRunResult result, string step, IncrementalStepRunReason expected) =>
        Assert.All(Outputs(result, step), r => Assert.Equal(expected, r));

    private static List<IncrementalStepRunReason> Outputs(GeneratorRunResult result, string step)
    {
        var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.NotEmpty(outputs);
        return outputs;
    }
}
