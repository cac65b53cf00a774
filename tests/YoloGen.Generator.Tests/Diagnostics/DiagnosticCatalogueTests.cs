using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using YoloGen.Generator.Catalogue;
using YoloGen.Generator.Diagnostics;
using YoloGen.Generator.Model;
using YoloGen.Generator.Parsing;
using YoloGen.Generator.Resolution;
using YoloGen.Generator.Tests.Infrastructure;
using static YoloGen.Generator.Tests.Diagnostics.DiagnosticAssert;

namespace YoloGen.Generator.Tests.Diagnostics;

/// <summary>
/// One test per diagnostic ID: the ID, severity, line and column (1-based, as <c>dotnet build</c> prints them) of
/// the diagnostic a damaged <see cref="TinyModel"/> gets, and the part of the message that tells the fix.
/// </summary>
public sealed partial class DiagnosticCatalogueTests
{
    private const DiagnosticSeverity Error = DiagnosticSeverity.Error;
    private const DiagnosticSeverity Warning = DiagnosticSeverity.Warning;

    [Fact]
    public void The_tiny_model_is_valid() => Assert.Empty(Diagnose(TinyModel.Yaml));

    [Fact]
    public void YG0001_yaml_syntax_error_at_the_parser_position()
    {
        var d = Single(TinyModel.With("[-1, 1, Conv, [128, 3, 2]]", "[-1, 1, Conv, [128, 3, 2]"), "YG0001", Error, 8, 3);
        Assert.Contains("opened at line 7, column 5 is not closed", d.Message());
        Assert.Contains("line 7", d.Message());
    }

    [Fact]
    public void YG0002_missing_section_at_the_top_of_the_file()
    {
        var d = Single(TinyModel.With("head:", "neck:"), "YG0002", Error, 1, 1);
        Assert.Contains("add a 'head:' list", d.Message());
    }

    [Fact]
    public void YG0003_invalid_nc_at_its_value()
    {
        var d = Single(TinyModel.With("nc: 2", "nc: -3"), "YG0003", Error, 1, 5);
        Assert.Contains("a positive integer", d.Message());
    }

    [Fact]
    public void YG0004_lost_scales_indentation_at_the_scales_key()
    {
        var flattened = TinyModel.With("  n: [0.50, 0.25, 1024]\n  s: [0.50, 0.50, 1024]", "n: [0.50, 0.25, 1024]\ns: [0.50, 0.50, 1024]");
        var d = Single(flattened, "YG0004", Error, 2, 1);
        Assert.Contains("'n', 's' are top-level keys", d.Message());
        Assert.Contains("Indent them under 'scales:'", d.Message());
    }

    [Theory]
    [InlineData("yolo11-EfficientNetV1.yaml")]
    [InlineData("yolo11-EfficientNetV2.yaml")]
    public void YG0004_on_the_seed_files_copied_from_the_tutorial(string seed)
    {
        var path = RepositoryPaths.ReferenceYaml(seed);
        var diagnostics = Diagnose(ModelPipeline.ResolveFile(path));
        var d = Assert.Single(diagnostics, x => x.Id == "YG0004");
        Assert.Equal(Error, d.Severity);
        Assert.Equal(new LinePosition(4, 0), d.Location.GetLineSpan().StartLinePosition); // 'scales:' on line 5
        Assert.Equal("'scales' is empty but 'n', 's', 'm', 'l', 'x' are top-level keys: the lines under 'scales:' lost their indentation. "
            + "Indent them under 'scales:' (for example '  n: [0.50, 0.25, 1024]').", d.Message());
    }

    [Fact]
    public void YG0005_layer_entry_with_three_items()
    {
        var d = Single(TinyModel.With("[-1, 1, Conv, [128, 3, 2]]", "[-1, 1, Conv]"), "YG0005", Error, 7, 5);
        Assert.Contains("[from, repeats, module, args]", d.Message());
    }

    [Fact]
    public void YG0006_unknown_module_at_its_name_with_the_nearest_known_name()
    {
        var d = Single(TinyModel.With("Conv, [128", "Convv, [128"), "YG0006", Error, 7, 13);
        Assert.EndsWith("did you mean 'Conv'?", d.Message());
    }

    [Fact]
    public void YG0006_for_an_ultralytics_module_yologen_lacks_says_so()
    {
        var d = Single(TinyModel.With("Conv, [128", "RepC3, [128"), "YG0006", Error, 7, 13);
        Assert.Contains("does not provide yet", d.Message());
    }

    [Fact]
    public void YG0007_from_out_of_range_at_the_index()
    {
        var d = Single(TinyModel.With("[-1, 1, Conv, [128", "[-9, 1, Conv, [128"), "YG0007", Error, 7, 6);
        Assert.Contains("use -1 … -1", d.Message());
    }

    [Fact]
    public void YG0008_from_pointing_forward_at_the_index()
    {
        var d = Single(TinyModel.With("[-1, 1, Conv, [256", "[5, 1, Conv, [256"), "YG0008", Error, 8, 6);
        Assert.Contains("an index from 0 to 1", d.Message());
    }

    [Fact]
    public void YG0009_invalid_repeats_at_the_count()
    {
        var d = Single(TinyModel.With("[-1, 1, Conv, [128", "[-1, 0, Conv, [128"), "YG0009", Error, 7, 10);
        Assert.Contains("at least 1", d.Message());
    }

    [Fact]
    public void YG0010_too_many_arguments_at_the_argument_list()
    {
        var d = Single(TinyModel.With("[128, 3, 2]", "[128, 3, 2, None, 1, 1, True, 7]"), "YG0010", Error, 7, 19);
        Assert.Contains("Conv takes at most 7 argument(s) (c2, k, s, p, g, d, act); the layer passes 8", d.Message());
    }

    [Fact]
    public void YG0010_more_than_the_stated_channels_on_se_at_the_argument_list()
    {
        var d = Single(TinyModel.With("[-1, 1, C3k2, [256, False]]", "[-1, 1, SE, [768, 8]]"), "YG0010", Error, 13, 17);
        Assert.Contains("SE takes at most 1 argument(s) (its input channels, optional); the layer passes 2", d.Message());
    }

    [Fact]
    public void YG0011_argument_of_the_wrong_type_at_the_argument()
    {
        var d = Single(TinyModel.With("[128, 3, 2]", "[128, 3, two]"), "YG0011", Error, 7, 28);
        Assert.Contains("argument 's' of Conv must be an integer; found 'two'", d.Message());
    }

    [Fact]
    public void YG0011_conv_groups_that_do_not_divide_the_channels_at_g()
    {
        // 32 groups split 32 → 64 channels at scale s, but not 16 → 32 at n.
        var d = Single(TinyModel.With("[128, 3, 2]", "[128, 3, 2, None, 32]"), "YG0011", Error, 7, 37);
        Assert.Equal("Layer 1 (scale n): argument 'g' of Conv must be a group count of at least 1 that divides the input channels (16) and output channels (32); found 32", d.Message());
    }

    [Fact]
    public void YG0011_concat_along_another_dimension_at_the_dimension()
    {
        var d = Single(TinyModel.With("Concat, [1]", "Concat, [2]"), "YG0011", Error, 12, 27);
        Assert.Contains("argument 'dimension' of Concat must be 1", d.Message());
    }

    [Fact]
    public void YG0011_unknown_upsample_mode_at_the_mode()
    {
        var d = Single(TinyModel.With("\"nearest\"", "\"linear\""), "YG0011", Error, 11, 36);
        Assert.Contains("\"nearest\", \"nearest-exact\", \"bilinear\", \"bicubic\"; found \"linear\"", d.Message());
    }

    [Fact]
    public void YG0011_c2psa_without_a_whole_attention_head_names_the_scale()
    {
        // 768 channels as written: 192 at n, 384 at s; e = 0.25 leaves 48 (no 64-channel head) at n, 96 at s.
        var result = ModelPipeline.ResolveText(FilePath, TinyModel.With("[-1, 1, C3k2, [256, False]]", "[-1, 1, C2PSA, [768, 0.25]]"));
        var d = Single(Diagnose(result), "YG0011", Error, 13, 26);
        Assert.StartsWith("Layer 6 (scale n): argument 'e' of C2PSA must be large enough for one attention head", d.Message());
        Assert.Equal(["s"], result.Models.Select(m => m.Scale));
    }

    [Fact]
    public void YG0011_hidden_width_below_one_channel_at_e()
    {
        var diagnostics = Diagnose(TinyModel.With("[256, False]", "[256, False, 0.001]"));
        Assert.Equal(2, diagnostics.Count); // c2 differs per scale (64, 128), so each scale has its message
        Assert.All(diagnostics, d => Assert.Equal(("YG0011", Error, new LinePosition(12, 31)), (d.Id, d.Severity, d.Location.GetLineSpan().StartLinePosition)));
        Assert.Contains("Layer 6 (scale n): argument 'e' of C3k2 must be a positive fraction with int(c2 · e) ≥ 1 (c2 = 64); found 0.001", diagnostics.Select(d => d.Message()));
    }

    [Fact]
    public void YG0011_infinite_number_at_the_argument()
    {
        var d = Single(TinyModel.With("[256, False]", "[256, False, .inf]"), "YG0011", Error, 13, 32);
        Assert.Contains("argument 'e' of C3k2 must be a finite number; found inf", d.Message());
    }

    [Fact]
    public void YG0011_unknown_efficientnet_variant_at_the_variant()
    {
        var d = Single(TinyModel.With("[-1, 1, Conv, [64, 3, 2]]", "[-1, 1, efficient, [efficientnet-b9, 0.25, 0.5]]"), "YG0011", Error, 6, 25, "YG0021");
        Assert.Contains("efficientnet-b9", d.Message());
    }

    [Fact]
    public void YG0012_concat_of_inputs_at_different_strides_at_from()
    {
        var d = Single(TinyModel.With("[[-1, 2], 1, Concat", "[[-1, 1], 1, Concat"), "YG0012", Error, 12, 6);
        Assert.Contains("layer 4 at stride 8, layer 1 at stride 4", d.Message());
    }

    [Fact]
    public void YG0013_concat_with_a_single_input_at_from()
    {
        var d = Single(TinyModel.With("[[-1, 2], 1, Concat", "[-1, 1, Concat"), "YG0013", Error, 12, 6);
        Assert.Contains("write 'from' as a list such as [-1, 6]", d.Message());
    }

    [Fact]
    public void YG0013_detect_without_inputs_at_from()
    {
        var d = Single(TinyModel.With("[[6, 3], 1, Detect", "[[], 1, Detect"), "YG0013", Error, 14, 6);
        Assert.Equal("Layer 7: Detect takes at least one input; write 'from' as the list of its input layers, finest stride first, such as [16, 19, 22]", d.Message());
    }

    [Fact]
    public void YG0013_efficientnet_backbone_not_on_the_image_at_from()
    {
        var found = Diagnose(TinyModel.With("[-1, 1, Conv, [128, 3, 2]]", "[-1, 1, efficient, [efficientnet-b0, 0.25, 0.5]]")).Where(d => d.Severity == Error).ToList();
        Assert.All(found, d => Assert.Equal(("YG0013", new LinePosition(6, 5)), (d.Id, d.Location.GetLineSpan().StartLinePosition)));
        Assert.Equal(
            ["Layer 1 (scale n): efficient takes the 3-channel image, not a 16-channel feature map; write 'from' as -1 on the first layer",
             "Layer 1 (scale s): efficient takes the 3-channel image, not a 32-channel feature map; write 'from' as -1 on the first layer"],
            found.Select(d => d.Message()));
    }

    [Fact]
    public void YG0014_task_head_is_a_warning_at_the_module()
    {
        var d = Single(TinyModel.With("Detect, [nc]", "Segment, [nc, 32, 256]"), "YG0014", Warning, 14, 17);
        Assert.Contains("Segment heads are not supported yet", d.Message());
    }

    [Fact]
    public void YG0015_two_files_producing_one_class_at_each_scale_line()
    {
        // Both files are named tiny.yaml, so both produce Tiny-n and Tiny-s: an error at each file's scale lines.
        var result = GeneratorRunner.Run([new GeneratorRunner.TextFile("/a/tiny.yaml", TinyModel.Yaml), new GeneratorRunner.TextFile("/b/tiny.yaml", TinyModel.Yaml)]);
        var found = result.Diagnostics.Select(d => (d.Id, d.Severity, d.Location.GetLineSpan().Path, Line: d.Location.GetLineSpan().StartLinePosition.Line + 1, Column: d.Location.GetLineSpan().StartLinePosition.Character + 1)).Order().ToList();
        Assert.Equal(
            [("YG0015", Error, "/a/tiny.yaml", 3, 3), ("YG0015", Error, "/a/tiny.yaml", 4, 3), ("YG0015", Error, "/b/tiny.yaml", 3, 3), ("YG0015", Error, "/b/tiny.yaml", 4, 3)],
            found);
        Assert.Contains("Class 'TinyN' is generated from both 'tiny.yaml' and 'tiny.yaml'; rename one of the files", result.Diagnostics.Select(d => d.Message()));
    }

    [Fact]
    public void YG0016_upsample_by_zero_at_the_factor()
    {
        var d = Single(TinyModel.With("[None, 2, ", "[None, 0, "), "YG0016", Error, 11, 33);
        Assert.Contains("needs a positive scale factor", d.Message());
    }

    [Fact]
    public void YG0016_upsample_to_a_fractional_stride_at_the_factor()
    {
        var d = Single(TinyModel.With("[None, 2, ", "[None, 3, "), "YG0016", Error, 11, 33);
        Assert.Contains("upsampling a stride-16 input by 3 gives stride 5.333", d.Message());
    }

    [Fact]
    public void YG0016_conv_stride_zero_at_the_stride()
    {
        var d = Single(TinyModel.With("[128, 3, 2]", "[128, 3, 0]"), "YG0016", Error, 7, 28);
        Assert.Contains("the stride s must be a positive integer", d.Message());
    }

    [Fact]
    public void YG0016_even_conv_kernel_at_the_kernel()
    {
        var d = Single(TinyModel.With("[128, 3, 2]", "[128, 4, 2]"), "YG0016", Error, 7, 25);
        Assert.Contains("kernel 4 changes the feature map size", d.Message());
        Assert.EndsWith("use padding 1", d.Message()); // at stride 2, padding 1 maps H to H / 2
        var stride1 = Single(TinyModel.With("[128, 3, 2]", "[128, 4, 1]"), "YG0016", Error, 7, 25, "YG0012");
        Assert.EndsWith("use an odd kernel size (padding None then keeps the size)", stride1.Message());
        Assert.Empty(Diagnose(TinyModel.With("[128, 3, 2]", "[128, 4, 2, 1]")));
    }

    [Fact]
    public void YG0016_explicit_padding_that_changes_the_size_at_the_padding()
    {
        var d = Single(TinyModel.With("[128, 3, 2]", "[128, 3, 2, 0]"), "YG0016", Error, 7, 31);
        Assert.Contains("kernel 3 with padding 0 changes the feature map size", d.Message());
        Assert.EndsWith("use padding 1 or None with an odd kernel", d.Message());
    }

    [Fact]
    public void YG0017_no_detect_head_at_the_last_module()
    {
        var d = Single(TinyModel.With("[[6, 3], 1, Detect, [nc]]", "[-1, 1, Conv, [8, 1, 1]]"), "YG0017", Error, 14, 13);
        Assert.Contains("end 'head' with a line such as", d.Message());
    }

    [Fact]
    public void YG0018_repeated_conv_that_changes_channels_at_the_module_once_per_scale_with_the_scale_named()
    {
        // Depth 0.5 turns 3 repeats into round(1.5) = 2 copies; the second would get the first's output channels.
        var diagnostics = Diagnose(TinyModel.With("[-1, 1, Conv, [128", "[-1, 3, Conv, [128"));
        Assert.Equal(2, diagnostics.Count);
        Assert.All(diagnostics, d => Assert.Equal(("YG0018", Error, new LinePosition(6, 12)), (d.Id, d.Severity, d.Location.GetLineSpan().StartLinePosition)));
        Assert.Equal(
            ["Layer 1 (scale n): Conv cannot be repeated 2 times: each copy expects 16 input channels but the copy before it gives 32; set repeats to 1",
             "Layer 1 (scale s): Conv cannot be repeated 2 times: each copy expects 32 input channels but the copy before it gives 64; set repeats to 1"],
            diagnostics.Select(d => d.Message()));
    }

    [Fact]
    public void A_problem_of_one_scale_names_it_and_leaves_the_other_scales_generated()
    {
        // Depth 1.0 at scale s keeps 2 copies of a Conv that changes channels; depth 0.5 at n leaves one.
        var yaml = TinyModel.With("[-1, 1, Conv, [128", "[-1, 2, Conv, [128").Replace("s: [0.50, 0.50, 1024]", "s: [1.00, 0.50, 1024]");
        var result = ModelPipeline.ResolveText(FilePath, yaml);
        var d = Assert.Single(Diagnose(result));
        Assert.StartsWith("Layer 1 (scale s): Conv cannot be repeated 2 times", d.Message());
        Assert.Equal(["n"], result.Models.Select(m => m.Scale));
    }

    [Fact]
    public void YG0019_stated_input_channels_differ_at_the_argument()
    {
        // Layer 5 concatenates layer 4 (512 as written) and layer 2 (256): 768 channels, not the 512 the SE line states.
        var d = Single(TinyModel.With("[-1, 1, C3k2, [256, False]]", "[-1, 1, SE, [512]]"), "YG0019", Error, 13, 18);
        Assert.Contains("states 512 input channels but its input (layer 5) has 768", d.Message());
        Assert.Contains("write [768]", d.Message());
        Assert.Empty(Diagnose(TinyModel.With("[-1, 1, C3k2, [256, False]]", "[-1, 1, SE, [768]]")));
    }

    [Fact]
    public void YG0020_detect_inputs_in_decreasing_stride_order_at_from()
    {
        var d = Single(TinyModel.With("[[6, 3], 1, Detect", "[[3, 6], 1, Detect"), "YG0020", Error, 14, 6);
        Assert.Contains("found layer 3 at stride 16, layer 6 at stride 8; write 'from' as [6, 3]", d.Message());
    }

    [Fact]
    public void YG0020_detect_inputs_at_the_same_stride_at_from()
    {
        var d = Single(TinyModel.With("[[6, 3], 1, Detect", "[[6, 5], 1, Detect"), "YG0020", Error, 14, 6, "YG0021");
        Assert.Contains("take each input from a different level", d.Message());
    }

    [Fact]
    public void YG0021_unused_layer_is_a_warning_at_its_module()
    {
        var diagnostics = Diagnose(TinyModel.With("[-1, 1, C3k2", "[-2, 1, C3k2"));
        var d = Single(diagnostics, "YG0021", Warning, 12, 18);
        Assert.Equal("Layer 5 (Concat) is never used: no later layer reads it, so it is computed and thrown away; "
            + "read it in a later layer's 'from' (such as [-1, 5] on a Concat) or delete the line", d.Message());
        Assert.Single(diagnostics);
    }

    [Fact]
    public void YG0022_c2psa_whose_channels_differ_from_its_input_at_its_channels()
    {
        var diagnostics = Diagnose(TinyModel.With("[-1, 1, C3k2, [256, False]]", "[-1, 1, C2PSA, [512]]"));
        Assert.All(diagnostics, d => Assert.Equal(("YG0022", Error, new LinePosition(12, 20)), (d.Id, d.Severity, d.Location.GetLineSpan().StartLinePosition)));
        Assert.Equal(
            ["Layer 6 (scale n): C2PSA must output as many channels as it receives: its input has 192 but its argument gives 128; write the channel count of the layer it reads",
             "Layer 6 (scale s): C2PSA must output as many channels as it receives: its input has 384 but its argument gives 256; write the channel count of the layer it reads"],
            diagnostics.Select(d => d.Message()));
        Assert.Empty(Diagnose(TinyModel.With("[-1, 1, C3k2, [256, False]]", "[-1, 1, C2PSA, [768]]")));
    }

    [Fact]
    public void YG9999_an_exception_inside_the_generator_becomes_a_diagnostic_at_the_file_start()
    {
        // A catalogue entry with a rule no resolver knows makes the resolver throw; the file gets YG9999 instead.
        var broken = new ModuleSignature("Broken", "Broken", "Broken", (ArgumentRule)99, ImmutableEquatableArray<ParameterSpec>.Empty);
        var catalogue = ModuleCatalogue.BuiltIn.With([broken]);
        var parsed = ModelFileParser.Parse(FilePath, SourceText.From(TinyModel.With("Conv, [128, 3, 2]", "Broken, []")), CancellationToken.None);
        var result = ModelFileResolver.Resolve(parsed, catalogue, CancellationToken.None);
        var d = Single(Diagnose(result), "YG9999", Error, 1, 1);
        Assert.Contains("InvalidOperationException", d.Message());
        Assert.Empty(result.Models);
    }

    [Fact]
    public void Every_descriptor_has_a_test_and_a_documented_section()
    {
        var tested = typeof(DiagnosticCatalogueTests).GetMethods()
            .Select(m => m.Name)
            .Where(n => n.StartsWith("YG", StringComparison.Ordinal))
            .Select(n => n.Substring(0, 6))
            .ToHashSet();
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "diagnostics.md"));
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            Assert.True(tested.Contains(descriptor.Id), descriptor.Id + " has no test");
            Assert.Contains("## " + descriptor.Id + " ", docs);
        }
    }
}
