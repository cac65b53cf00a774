using Microsoft.CodeAnalysis;
using YoloGen.Generator.Tests.Infrastructure;
using Xunit;

namespace YoloGen.Generator.Tests.Diagnostics;

/// <summary>
/// The diagnostics the generator reports for common mistakes: ID, severity, position (1-based line and column, as
/// the build prints them) and the words that tell the user how to fix it.
/// </summary>
public sealed class DiagnosticTests
{
    private const string Header = "nc: 80\nscales:\n  n: [0.50, 0.25, 1024]\n";
    private const string Head = "head:\n  - [[-1, 0], 1, Concat, [1]]\n  - [[1, 1, 1], 1, Detect, [nc]]\n";

    [Theory]
    [InlineData("yolo11-EfficientNetV1.yaml")]
    [InlineData("yolo11-EfficientNetV2.yaml")]
    public void Seed_files_get_the_lost_indentation_error(string seed)
    {
        var result = GeneratorRunner.RunOnFiles(RepositoryPaths.ReferenceYaml(seed));

        var error = Assert.Single(result.Diagnostics);
        AssertAt(error, "YG0004", DiagnosticSeverity.Error, line: 5, column: 1);
        var message = error.GetMessage();
        Assert.Contains("'scales' is empty but 'n', 's', 'm', 'l', 'x' are top-level keys", message);
        Assert.Contains("Indent them under 'scales:'", message);
        Assert.Single(result.Results.Single().GeneratedSources); // the registry only
    }

    [Fact]
    public void Yaml_syntax_errors_carry_the_parser_position()
    {
        var result = Run("nc: 80\nbackbone:\n  - [-1, 1, Conv, [64, 3, 2]\nhead: []\n");
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("YG0001", error.Id);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains("the '[' opened at line 3, column 5 is not closed", error.GetMessage());
    }

    [Theory]
    [InlineData("Conc", "did you mean 'Concat'?")]
    [InlineData("Upsample", "did you mean 'nn.Upsample'?")]
    [InlineData("conv", "did you mean 'Conv'?")]
    [InlineData("RepC3", "Ultralytics module YoloGen does not provide yet")]
    public void Unknown_modules_are_reported_at_the_name_with_a_suggestion(string module, string hint)
    {
        var result = Run(Header + $"backbone:\n  - [-1, 1, {module}, [64, 3, 2]]\n" + Head);
        var error = Assert.Single(result.Diagnostics);
        AssertAt(error, "YG0006", DiagnosticSeverity.Error, line: 5, column: 13);
        Assert.Contains(hint, error.GetMessage());
    }

    [Theory]
    [InlineData("[-3, 1, Conv, [64, 3, 2]]", "YG0007", 6)]      // before the input
    [InlineData("[1, 1, Conv, [64, 3, 2]]", "YG0008", 6)]       // itself
    [InlineData("[[-1, 7], 1, Concat, [1]]", "YG0008", 11)]     // forward, inside a list
    public void From_indices_must_name_earlier_layers(string line, string id, int column)
    {
        var result = Run(Header + "backbone:\n  - [-1, 1, Conv, [64, 3, 2]]\n  - " + line + "\n" + Head);
        AssertAt(Assert.Single(result.Diagnostics), id, DiagnosticSeverity.Error, line: 6, column: column);
    }

    [Theory]
    [InlineData("backbone", "head:\n  - [-1, 1, Conv, [64, 3, 2]]\n")]
    [InlineData("head", "backbone:\n  - [-1, 1, Conv, [64, 3, 2]]\n")]
    public void Missing_sections_are_errors(string missing, string body)
    {
        var result = Run(Header + body);
        var error = Assert.Single(result.Diagnostics);
        AssertAt(error, "YG0002", DiagnosticSeverity.Error, line: 1, column: 1);
        Assert.Contains($"no '{missing}'", error.GetMessage());
    }

    [Fact]
    public void Missing_nc_is_an_error() =>
        AssertAt(Assert.Single(Run("scales:\n  n: [0.50, 0.25, 1024]\nbackbone:\n  - [-1, 1, Conv, [64, 3, 2]]\n" + Head).Diagnostics),
            "YG0002", DiagnosticSeverity.Error, line: 1, column: 1);

    [Theory]
    [InlineData("yolo11-seg.yaml", "Segment")]
    [InlineData("yolo11-pose.yaml", "Pose")]
    [InlineData("yolo11-obb.yaml", "OBB")]
    [InlineData("yolo11-cls.yaml", "Classify")]
    public void Task_heads_are_a_warning_and_generate_nothing(string file, string head)
    {
        var result = GeneratorRunner.RunOnFiles(RepositoryPaths.ReferenceYaml(file));
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("YG0014", warning.Id);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.StartsWith(head + " heads are not supported yet", warning.GetMessage());
        Assert.Single(result.Results.Single().GeneratedSources);
    }

    [Fact]
    public void Concat_of_inputs_at_different_strides_is_an_error()
    {
        var result = Run(Header + "backbone:\n  - [-1, 1, Conv, [64, 3, 2]]\n  - [-1, 1, Conv, [64, 3, 2]]\n" +
            "head:\n  - [[-1, 0], 1, Concat, [1]]\n  - [[1, 1, 2], 1, Detect, [nc]]\n");
        var error = Assert.Single(result.Diagnostics);
        AssertAt(error, "YG0012", DiagnosticSeverity.Error, line: 8, column: 6);
        Assert.Contains("layer 1 at stride 4, layer 0 at stride 2", error.GetMessage());
    }

    [Fact]
    public void Two_files_producing_one_class_are_both_reported_and_neither_is_emitted()
    {
        var yaml = File.ReadAllText(Path.Combine(RepositoryPaths.Models, "yolo11.yaml"));
        var result = GeneratorRunner.Run([
            new GeneratorRunner.TextFile("/a/yolo11.yaml", yaml),
            new GeneratorRunner.TextFile("/b/yolo11.yaml", yaml),
        ]);
        Assert.Equal(10, result.Diagnostics.Count(d => d.Id == "YG0015"));
        Assert.Single(result.Results.Single().GeneratedSources);
    }

    [Fact]
    public void A_bad_scale_drops_only_that_scale()
    {
        var yaml = File.ReadAllText(Path.Combine(RepositoryPaths.Models, "yolo11.yaml")).Replace("  s: [0.50, 0.50, 1024]", "  s: [0.50, half, 1024]");
        var result = Run(yaml, "yolo11.yaml");
        AssertAt(Assert.Single(result.Diagnostics), "YG0003", DiagnosticSeverity.Error, line: 9, column: 6);
        Assert.Equal(["Yolo11l.g.cs", "Yolo11l.Onnx.g.cs", "Yolo11m.g.cs", "Yolo11m.Onnx.g.cs", "Yolo11n.g.cs", "Yolo11n.Onnx.g.cs",
                "Yolo11x.g.cs", "Yolo11x.Onnx.g.cs", "YoloModels.g.cs"],
            result.Results.Single().GeneratedSources.Select(s => s.HintName).Order());
    }

    [Theory]
    [InlineData("11/yolo11.yaml")]
    [InlineData("v8/yolov8.yaml")]
    [InlineData("v5/yolov5.yaml")]
    [InlineData("variants/yolo11-se.yaml")]
    [InlineData("variants/yolo11-simam.yaml")]
    public void Reference_detection_files_have_no_diagnostics(string file)
    {
        var result = GeneratorRunner.RunOnFiles(Path.Combine(RepositoryPaths.Reference, "yaml", file));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(11, result.Results.Single().GeneratedSources.Length); // five scales with their ONNX wiring, the registry
    }

    [Theory]
    [InlineData("")]
    [InlineData("just a sentence")]
    [InlineData("- 1\n- 2\n")]
    [InlineData("\u0001\u0002garbage: [\"\n\t")]
    [InlineData("a: &x [*x]")]
    [InlineData("a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n")]
    [InlineData("nc: 80\nbackbone: [[-1, 1, Conv, [64, 3, 2]]]\nhead: [[[0, 0], 99999999999999999999, Detect, [nc]]]\n")]
    public void Malformed_input_yields_errors_never_exceptions(string yaml)
    {
        var result = Run(yaml);
        Assert.Null(result.Results.Single().Exception);
        Assert.NotEmpty(result.Diagnostics);
        Assert.All(result.Diagnostics, d => Assert.StartsWith("YG00", d.Id));
        Assert.Contains(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_stack_overflow()
    {
        var result = Run("a: " + new string('[', 100_000));
        Assert.Equal("YG0001", Assert.Single(result.Diagnostics).Id);
    }

    private static GeneratorDriverRunResult Run(string yaml, string fileName = "test.yaml") =>
        GeneratorRunner.Run([new GeneratorRunner.TextFile("/project/models/" + fileName, yaml)]);

    private static void AssertAt(Diagnostic diagnostic, string id, DiagnosticSeverity severity, int line, int column)
    {
        var position = diagnostic.Location.GetLineSpan().StartLinePosition;
        Assert.Equal((id, severity, line, column), (diagnostic.Id, diagnostic.Severity, position.Line + 1, position.Character + 1));
    }
}
