using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using YoloGen.Generator.Tests.Infrastructure;

namespace YoloGen.Generator.Tests.UserModules;

/// <summary>
/// docs/custom-modules.md stays true: its ChannelGate class and YAML line generate networks that compile, the
/// layer gets the constructor call the guide shows, and the build errors it quotes are the generator's, verbatim.
/// </summary>
public sealed class CustomModulesGuideTests
{
    private static readonly string Guide = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "custom-modules.md"));

    private static string Block(string language, string containing) =>
        Regex.Matches(Guide, "```" + language + "\n(.*?)```", RegexOptions.Singleline)
            .Select(m => m.Groups[1].Value)
            .First(b => b.Contains(containing, StringComparison.Ordinal));

    private static string ClassSource => Block("csharp", "[YoloModule(\"ChannelGate\")]");

    private static string YamlLine => Block("yaml", "ChannelGate").TrimEnd('\n');

    /// <summary>models/yolo11-se.yaml with the guide's line in place of the built-in SE.</summary>
    private static string Model(string line)
    {
        var stock = File.ReadAllText(Path.Combine(RepositoryPaths.Models, "yolo11-se.yaml"));
        var original = stock.Split('\n').Single(l => l.Contains(", SE, ", StringComparison.Ordinal));
        return stock.Replace(original, line);
    }

    private static UserModuleProject.Run Generate(string line) =>
        UserModuleProject.Generate(ClassSource, Model(line), "/project/models/yolo11-se-attention.yaml");

    [Fact]
    public void The_guide_class_and_yaml_line_build_the_network_it_describes()
    {
        var run = Generate(YamlLine);

        Assert.Empty(run.Diagnostics);
        Assert.True(run.CompilerProblems.Count == 0, string.Join("\n", run.CompilerProblems));
        var source = run.Source("Yolo11nSeAttention");
        Assert.Contains("L9 = new global::MyApp.ChannelGate(256, reduction: 16);", source);
        Assert.Contains("new ChannelGate(256, reduction: 16)", Guide);
    }

    [Theory]
    [InlineData("[sixteen]")]
    [InlineData("[16, 2]")]
    public void The_build_errors_the_guide_quotes_are_the_generators(string args)
    {
        var run = Generate(YamlLine.Replace("[16]", args));

        var error = Assert.Single(run.Diagnostics);
        var position = error.Location.GetLineSpan().StartLinePosition;
        var printed = string.Create(CultureInfo.InvariantCulture,
            $"models/yolo11-se-attention.yaml({position.Line + 1},{position.Character + 1}): error {error.Id}: {error.GetMessage(CultureInfo.InvariantCulture)}");
        Assert.Contains(printed, Guide);
    }

    [Fact]
    public void The_multi_output_example_resolves_with_the_declared_spans()
    {
        var attribute = Regex.Match(Guide, @"\[YoloModule\(""TinyNet"".*\)\]").Value;
        var stub = UserModuleProject.Usings + attribute + """

            public sealed class TinyNet : nn.Module<Tensor, Tensor[]>
            {
                public TinyNet(double width = 1.0) : base("TinyNet") { }
                public override Tensor[] forward(Tensor x) => [x, x, x];
            }
            """;
        var run = UserModuleProject.Generate(stub, "nc: 2\n" + Block("yaml", "TinyNet"), "/project/models/tiny.yaml");

        Assert.Empty(run.Diagnostics);
        Assert.True(run.CompilerProblems.Count == 0, string.Join("\n", run.CompilerProblems));
        var layers = Assert.Single(run.Models).Layers;
        Assert.Equal([64, 128, 256], layers[0].OutChannels);
        Assert.Equal([8, 16, 32], layers[0].Strides);
        Assert.Equal([8, 16, 32], layers[^1].Strides);
    }
}
