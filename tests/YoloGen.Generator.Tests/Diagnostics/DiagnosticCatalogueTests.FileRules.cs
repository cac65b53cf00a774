using System.Threading;
using Microsoft.CodeAnalysis.Text;
using YoloGen.Generator.Catalogue;
using YoloGen.Generator.Model;
using YoloGen.Generator.Parsing;
using YoloGen.Generator.Resolution;
using static YoloGen.Generator.Tests.Diagnostics.DiagnosticAssert;

namespace YoloGen.Generator.Tests.Diagnostics;

/// <summary>The file-wide rules (top-level keys, the reference version) and the layers that hold several maps.</summary>
public sealed partial class DiagnosticCatalogueTests
{
    /// <summary>A YOLOv9e-style stem: layer 2 holds two maps, layer 4 fuses one of them into layer 3's map.</summary>
    private const string FuseModel = """
        nc: 2
        backbone:
          - [-1, 1, Conv, [16, 3, 2]]
          - [-1, 1, Conv, [32, 3, 2]]
          - [1, 1, CBLinear, [[16, 32]]]
          - [0, 1, Conv, [16, 3, 1]]
          - [[2, -1], 1, CBFuse, [[0]]]
        head:
          - [[4, 1], 1, Detect, [nc]]

        """;

    [Fact]
    public void YG0027_unknown_top_level_key_is_a_warning_with_a_suggestion()
    {
        var d = Single(TinyModel.With("nc: 2", "nc: 2\nreg_maks: 1"), "YG0027", Warning, 2, 1);
        Assert.Contains("'reg_maks'", d.Message());
        Assert.Contains("did you mean 'reg_max'?", d.Message());
    }

    [Fact]
    public void YG0028_unknown_activation_names_the_supported_ones()
    {
        var d = Single(TinyModel.With("nc: 2", "nc: 2\nactivation: nn.Relu()"), "YG0028", Error, 2, 13);
        Assert.Contains("nn.ReLU()", d.Message());
        Assert.Empty(Diagnose(TinyModel.With("nc: 2", "nc: 2\nactivation: nn.LeakyReLU(0.1)")));
    }

    [Fact]
    public void YG0029_unknown_reference_version_is_a_warning_and_the_file_follows_8_4()
    {
        var parsed = ModelFileParser.Parse(FilePath, SourceText.From(TinyModel.Yaml), CancellationToken.None);
        var result = ModelFileResolver.Resolve(parsed, ModuleCatalogue.BuiltIn, ReferenceVersion.From(FilePath, "9.0", null), CancellationToken.None);
        var d = Single(Diagnose(result), "YG0029", Warning, 1, 1);
        Assert.Contains("'9.0'", d.Message());
        Assert.All(result.Models, m => Assert.Equal("8.4.50", m.Rules.Reference));
    }

    [Fact]
    public void YG0030_a_list_holding_layer_read_by_another_module_than_cbfuse()
    {
        var d = Single(FuseModel.Replace("[[2, -1], 1, CBFuse, [[0]]]", "[2, 1, Conv, [16, 3, 1]]"), "YG0030", Error, 7, 6);
        Assert.Contains("only CBFuse picks from such a layer", d.Message());
    }

    [Fact]
    public void YG0031_cbfuse_index_outside_the_list_channels_or_stride_that_cannot_be_fused()
    {
        Assert.Empty(Diagnose(FuseModel));
        var outside = Single(FuseModel.Replace("CBFuse, [[0]]", "CBFuse, [[2]]"), "YG0031", Error, 7, 27);
        Assert.Contains("idx[0] = 2 picks no map of layer 2, which holds 2 (0 … 1)", outside.Message());
        var channels = Single(FuseModel.Replace("CBFuse, [[0]]", "CBFuse, [[1]]"), "YG0031", Error, 7, 27);
        Assert.Contains("it has 32 channels, the last input 16", channels.Message());
        var stride = Single(FuseModel.Replace("[0, 1, Conv, [16, 3, 1]]", "[1, 1, Conv, [16, 3, 2]]").Replace("[[4, 1], 1, Detect", "[[1, 4], 1, Detect"),
            "YG0031", Error, 7, 27);
        Assert.Contains("cannot be resized to the last input's stride 8", stride.Message());
    }
}
