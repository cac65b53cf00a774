using Microsoft.CodeAnalysis;
using YoloGen.Generator.Tests.UserModules;
using static YoloGen.Generator.Tests.Diagnostics.DiagnosticAssert;

namespace YoloGen.Generator.Tests.Diagnostics;

/// <summary>
/// The diagnostics of <c>[YoloModule]</c> classes: their declarations (at the attribute or parameter, in C#) and
/// their use in YAML (at the node, like built-ins). Module sources start with two using/namespace lines, so the
/// first attribute is on line 3; the YAML is <see cref="TinyModel"/> with one line replaced.
/// </summary>
public sealed partial class DiagnosticCatalogueTests
{
    private const string Eca = UserModuleProject.Usings + """
        [YoloModule("ECA")]
        public sealed class Eca : nn.Module<Tensor, Tensor>
        {
            public Eca(long c1, int k, double gamma = 2, System.IO.Stream? log = null) : base("ECA") { }
            public override Tensor forward(Tensor x) => x;
        }

        [YoloModule("Tiny", Channels = ChannelRule.Fixed, OutputChannels = new[] { 16, 32, 64 }, OutputStrides = new[] { 4, 8, 16 })]
        public sealed class TinyBackbone : nn.Module<Tensor, Tensor[]>
        {
            public TinyBackbone() : base("Tiny") { }
            public override Tensor[] forward(Tensor x) => [x, x, x];
        }
        """;

    private static IReadOnlyList<Diagnostic> WithEca(string original, string replacement) =>
        UserModuleProject.Generate(Eca, TinyModel.With(original, replacement)).Diagnostics;

    [Fact]
    public void The_tiny_model_with_a_user_module_is_valid()
    {
        var run = UserModuleProject.Generate(Eca, TinyModel.With("[-1, 1, C3k2, [256, False]]", "[-1, 1, ECA, [3]]"));
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilerProblems);
    }

    [Fact]
    public void YG0023_required_constructor_argument_missing_at_the_argument_list()
    {
        var d = Single(WithEca("[-1, 1, C3k2, [256, False]]", "[-1, 1, ECA, []]"), "YG0023", Error, 13, 18);
        Assert.Equal("Layer 6: ECA needs at least 1 argument(s) (k): its constructor's parameter 'k' has no default; the layer passes 0", d.Message());
    }

    [Fact]
    public void YG0010_too_many_arguments_for_a_user_module()
    {
        var d = Single(WithEca("[-1, 1, C3k2, [256, False]]", "[-1, 1, ECA, [3, 2, None, 4]]"), "YG0010", Error, 13, 18);
        Assert.Equal("Layer 6: ECA takes at most 3 argument(s) (k, gamma, log); the layer passes 4", d.Message());
    }

    [Theory]
    [InlineData("[three]", 19, "argument 'k' of ECA must be a 32-bit integer; found 'three'")]
    [InlineData("[3000000000]", 19, "argument 'k' of ECA must be a 32-bit integer; found 3000000000")]
    [InlineData("[3, fast]", 22, "argument 'gamma' of ECA must be a number; found 'fast'")]
    [InlineData("[3, 2, None]", 25, "argument 'log' of ECA must be left out: its C# type Stream? has no YAML form, so it keeps its default; found None")]
    public void YG0011_user_module_argument_of_the_wrong_type_at_the_argument(string args, int column, string message)
    {
        var d = Single(WithEca("[-1, 1, C3k2, [256, False]]", "[-1, 1, ECA, " + args + "]"), "YG0011", Error, 13, column);
        Assert.Equal("Layer 6: " + message, d.Message());
    }

    [Fact]
    public void YG0024_class_that_is_not_a_module_at_the_attribute()
    {
        const string source = UserModuleProject.Usings + "[YoloModule(\"Gate\")]\npublic sealed class Gate { }\n";
        var run = UserModuleProject.Generate(source, TinyModel.With("[-1, 1, C3k2, [256, False]]", "[-1, 1, Gate, []]"));

        var d = Single(run.Diagnostics, "YG0024", Error, 3, 2, "YG0006");
        Assert.Equal(UserModuleProject.SourcePath, d.Location.GetLineSpan().Path);
        Assert.Equal("[YoloModule] class 'MyApp.Gate' cannot be used in model files: it must derive from TorchSharp's nn.Module<Tensor, Tensor> (or Tensor[] as input or output)", d.Message());
        // The YAML line naming it says why, instead of suggesting a spelling.
        var unknown = Single(run.Diagnostics, "YG0006", Error, 13, 13, "YG0024");
        Assert.Equal("Layer 6: unknown module 'Gate'; the [YoloModule] class MyApp.Gate that declares it has errors, see YG0024", unknown.Message());
    }

    [Theory]
    [InlineData("[YoloModule(\"Gate\")]\npublic sealed class Gate : nn.Module<Tensor, Tensor>\n{\n    private Gate() : base(\"Gate\") { }\n    public override Tensor forward(Tensor x) => x;\n}\n",
        3, 2, "it has no public constructor; the YAML arguments are passed to one")]
    [InlineData("[YoloModule(\"Gate\")]\npublic sealed class Gate : nn.Module<Tensor, Tensor>\n{\n    public Gate(Tensor mask) : base(\"Gate\") { }\n    public override Tensor forward(Tensor x) => x;\n}\n",
        6, 24, "parameter 'mask' has type Tensor, which no YAML value can express; use long, int, double, float, bool, string, long?, int?, long[] or int[], or give it a default")]
    [InlineData("[YoloModule(\"Gate\", Channels = ChannelRule.Fixed, OutputStrides = new[] { 8, 16 })]\npublic sealed class Gate : nn.Module<Tensor, Tensor[]>\n{\n    public Gate() : base(\"Gate\") { }\n    public override Tensor[] forward(Tensor x) => [x, x];\n}\n",
        3, 2, "ChannelRule.Fixed needs OutputChannels with 2 positive channel count(s), one per output")]
    [InlineData("[YoloModule(\"Gate\", Channels = ChannelRule.Fixed, OutputChannels = new[] { 8 })]\npublic sealed class Gate : nn.Module<Tensor, Tensor[]>\n{\n    public Gate() : base(\"Gate\") { }\n    public override Tensor[] forward(Tensor x) => [x, x];\n}\n",
        3, 2, "a module returning Tensor[] declares its outputs with OutputStrides, one stride factor of at least 1 per output (such as new[] { 8, 16, 32 })")]
    [InlineData("[YoloModule(\"Gate\", Channels = ChannelRule.FirstArgScaled)]\npublic sealed class Gate : nn.Module<Tensor, Tensor>\n{\n    public Gate(double c1, long c2) : base(\"Gate\") { }\n    public override Tensor forward(Tensor x) => x;\n}\n",
        6, 24, "with ChannelRule.FirstArgScaled the constructor starts with (c1, c2): c1 an integer (long or int), which receives the input channels, c2 an integer, which receives the scaled output channels")]
    [InlineData("[YoloModule(\"Gate\")]\ninternal sealed class Gate : nn.Module<Tensor, Tensor>\n{\n    public Gate() : base(\"Gate\") { }\n    public override Tensor forward(Tensor x) => x;\n}\n",
        3, 2, "'Gate' must be public (the generated network is public and exposes each layer as a typed property)")]
    public void YG0024_misdeclared_module_at_the_attribute_or_parameter(string declaration, int line, int column, string problem)
    {
        var d = Single(UserModuleProject.Generate(UserModuleProject.Usings + declaration, TinyModel.Yaml).Diagnostics, "YG0024", Error, line, column);
        Assert.Equal("[YoloModule] class 'MyApp.Gate' cannot be used in model files: " + problem, d.Message());
    }

    [Fact]
    public void YG0025_two_classes_with_one_yaml_name_at_both_attributes()
    {
        var source = Eca + "\n[YoloModule(\"ECA\")]\npublic sealed class Eca2 : nn.Module<Tensor, Tensor>\n{\n    public override Tensor forward(Tensor x) => x;\n    public Eca2() : base(\"ECA\") { }\n}\n";
        var run = UserModuleProject.Generate(source, TinyModel.With("[-1, 1, C3k2, [256, False]]", "[-1, 1, ECA, [3]]"));

        var found = run.Diagnostics.Where(d => d.Id == "YG0025").Select(d => (d.Severity, d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Location.GetLineSpan().StartLinePosition.Character + 1)).ToList();
        Assert.Equal([(Error, 3, 2), (Error, 16, 2)], found);
        Assert.Equal("Module name 'ECA' is declared by several [YoloModule] classes (MyApp.Eca, MyApp.Eca2); give each class its own YAML name",
            run.Diagnostics.First(d => d.Id == "YG0025").Message());
        Assert.Contains("several [YoloModule] classes declare it (MyApp.Eca, MyApp.Eca2)", Single(run.Diagnostics, "YG0006", Error, 13, 13, "YG0025").Message());
    }

    [Fact]
    public void YG0026_user_module_replacing_a_built_in_is_a_warning_and_the_user_module_wins()
    {
        const string source = UserModuleProject.Usings + "[YoloModule(\"SE\")]\npublic sealed class MySe : nn.Module<Tensor, Tensor>\n{\n    public MySe(long c1, long reduction = 4) : base(\"SE\") { }\n    public override Tensor forward(Tensor x) => x;\n}\n";
        var run = UserModuleProject.Generate(source, TinyModel.With("[-1, 1, C3k2, [256, False]]", "[-1, 1, SE, [8]]"));

        var d = Single(run.Diagnostics, "YG0026", Warning, 3, 2);
        Assert.Equal("[YoloModule] class 'MyApp.MySe' replaces the built-in module 'SE' in every model file of this project; give it another YAML name to keep the built-in", d.Message());
        Assert.All(run.Models, m => Assert.Equal("global::MyApp.MySe", m.Layers[6].TypeName));
        Assert.Contains("L6 = new global::MyApp.MySe(192, reduction: 8);", run.Source("TinyN"));
        Assert.Empty(run.CompilerProblems);
    }

    [Fact]
    public void Multi_output_module_repeated_is_YG0018_at_the_module()
    {
        var yaml = TinyModel.With("[-1, 1, Conv, [64, 3, 2]]", "[-1, 4, Tiny, []]"); // depth 0.5: two copies
        var d = Single(UserModuleProject.Generate(Eca, yaml).Diagnostics, "YG0018", Error, 6, 13);
        Assert.Contains("Tiny cannot be repeated", d.Message());
    }

    [Fact]
    public void Multi_output_module_given_several_inputs_is_YG0013_at_from()
    {
        var yaml = TinyModel.With("[-1, 1, Conv, [256, 3, 2]]", "[[-1, 0], 1, Tiny, []]");
        var d = Single(UserModuleProject.Generate(Eca, yaml).Diagnostics, "YG0013", Error, 8, 6);
        Assert.Equal("Layer 2: Tiny takes one input; write 'from' as a single index such as -1", d.Message());
    }

    [Fact]
    public void Reading_more_outputs_than_declared_points_forward_and_names_the_span()
    {
        // Written as if Tiny gave five outputs (indices 0-4): the head's 5 is Tiny's line + 5, past the layer reading it.
        const string yaml = """
            nc: 2
            scales:
              n: [0.50, 0.25, 1024]
            backbone:
              - [-1, 1, Tiny, []]        # 0-2 (the author thought 0-4)
            head:
              - [-1, 1, Conv, [64, 1, 1]]
              - [[3, 5], 1, Detect, [nc]]

            """;
        var d = Single(UserModuleProject.Generate(Eca, yaml).Diagnostics, "YG0008", Error, 8, 10);
        Assert.Equal("Layer 4: 'from' index 5 is not an earlier layer; use -1 … -4 (counted back from this layer) or an index from 0 to 3 (layer 0 (Tiny) occupies indices 0-2, one per output)", d.Message());
    }
}
