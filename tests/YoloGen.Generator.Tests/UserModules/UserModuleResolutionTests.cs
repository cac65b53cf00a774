using YoloGen.Generator.Emission;
using YoloGen.Generator.Model;

namespace YoloGen.Generator.Tests.UserModules;

/// <summary>
/// <c>[YoloModule]</c> classes of the consumer's project take part in resolution like built-ins: each channel rule,
/// fixed strides (down and up), multi-input and multi-output modules, typed constructor arguments; and the
/// generated network compiles against them without warnings.
/// </summary>
public sealed class UserModuleResolutionTests
{
    private const string Modules = UserModuleProject.Usings + """
        [YoloModule("ECA")]
        public sealed class Eca : nn.Module<Tensor, Tensor>
        {
            public Eca(long c1, int k = 3) : base("ECA") { }
            public override Tensor forward(Tensor x) => x;
        }

        [YoloModule("Down", Channels = ChannelRule.FirstArgScaled, Stride = 2)]
        public sealed class Down : nn.Module<Tensor, Tensor>
        {
            public Down(long c1, long c2, long k = 3, float e = 0.5f, bool act = true) : base("Down") { }
            public override Tensor forward(Tensor x) => x;
        }

        [YoloModule("Up", Stride = 0.5)]
        public sealed class Up : nn.Module<Tensor, Tensor>
        {
            public Up(string mode = "nearest") : base("Up") { }
            public override Tensor forward(Tensor x) => x;
        }

        [YoloModule("Sum", Channels = ChannelRule.SumOfInputs)]
        public sealed class Sum : nn.Module<Tensor[], Tensor>
        {
            public Sum(long[] c1, long? dim = null) : base("Sum") { }
            public override Tensor forward(Tensor[] x) => x[0];
        }

        public static class Holder
        {
            [YoloModule("Tiny", Channels = ChannelRule.Fixed, OutputChannels = new[] { 16, 32, 64 }, OutputStrides = new[] { 4, 8, 16 })]
            public sealed class TinyBackbone : nn.Module<Tensor, Tensor[]>
            {
                public TinyBackbone(string variant = "a", double width = 1.0, System.IO.Stream? log = null) : base("Tiny") { }
                public override Tensor[] forward(Tensor x) => [x, x, x];
            }
        }
        """;

    private const string Yaml = """
        nc: 2
        scales:
          n: [0.50, 0.25, 1024]
          s: [0.50, 0.50, 1024]
        backbone:
          - [-1, 1, Tiny, [b, 2]]             # 0-2  16@4, 32@8, 64@16
          - [-1, 1, Down, [256, 3, 0.25]]     # 3    c2 scaled, stride 32
          - [-1, 4, ECA, [5]]                 # 4    same channels, two chained copies (depth 0.5)
        head:
          - [-1, 1, Up, []]                   # 5    stride 16
          - [[-1, 2], 1, Sum, []]             # 6    sum of channels
          - [[1, 6], 1, Detect, [nc]]         # 7

        """;

    [Fact]
    public void Channels_strides_and_constructor_calls_follow_the_declared_rules()
    {
        var run = UserModuleProject.Generate(Modules, Yaml);

        Assert.Empty(run.Diagnostics);
        var byScale = run.Models.ToDictionary(m => m.Scale);
        Assert.Equal(["n", "s"], byScale.Keys.Order());

        // n: width 0.25 → Down's c2 = make_divisible(256 · 0.25, 8) = 64; s: 128.
        var n = byScale["n"].Layers;
        Assert.Equal(
            ["0: Tiny [16, 32, 64] @ [4, 8, 16] global::MyApp.Holder.TinyBackbone(variant: \"b\", width: 2)",
             "3: Down [64] @ [32] global::MyApp.Down(64, 64, k: 3, e: 0.25f)",
             "4: ECA [64] @ [32] global::MyApp.Eca(64, k: 5) ×2",
             "5: Up [64] @ [16] global::MyApp.Up()",
             "6: Sum [128] @ [16] global::MyApp.Sum([64, 64])",
             "7: Detect [] @ [8, 16] Detect(nc, 16, null, [32, 128], [8, 16], legacy: Reference.LegacyHeads, boxBias: Reference.BoxBiasInit)"],
            n.Select(Describe));
        var s = byScale["s"].Layers;
        Assert.Equal("3: Down [128] @ [32] global::MyApp.Down(64, 128, k: 3, e: 0.25f)", Describe(s[1]));
        Assert.Equal("6: Sum [192] @ [16] global::MyApp.Sum([128, 64])", Describe(s[4]));
    }

    [Fact]
    public void The_generated_network_compiles_against_the_user_modules_without_warnings()
    {
        var run = UserModuleProject.Generate(Modules, Yaml);

        Assert.Empty(run.Diagnostics);
        Assert.True(run.CompilerProblems.Count == 0, string.Join("\n", run.CompilerProblems));
        var source = run.Source("TinyN");
        Assert.Contains("public global::MyApp.Holder.TinyBackbone L0 { get; }", source);
        Assert.Contains("L4 = global::TorchSharp.torch.nn.Sequential(", source);
        // The declared output count fixed the layer indices; the forward checks the module keeps to it.
        Assert.Contains("if (x0_2.Length != 3) throw new global::System.InvalidOperationException(\"Layer 0 (Tiny) is declared with 3 outputs (layer indices 0-2) but its forward returned \" + x0_2.Length);", source);
        Assert.Contains("new(2, [-1], 1, \"Tiny\", \"[\\\"b\\\", 2]\", 64, 16, \"[-1, 1, Tiny, [b, 2]]\"),", source);
    }

    [Fact]
    public void A_stride_that_leaves_whole_pixels_is_an_error_at_the_module()
    {
        // Up halves the stride in each copy: 20 repeats at depth 0.5 are 10 copies, 32 / 2^10 is below one pixel.
        var run = UserModuleProject.Generate(Modules, Yaml.Replace("[-1, 1, Up, []]", "[-1, 20, Up, []]"));

        var errors = run.Diagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        var error = Assert.Single(errors);
        Assert.Equal("YG0016", error.Id);
        Assert.Equal((10, 14), (error.Location.GetLineSpan().StartLinePosition.Line + 1, error.Location.GetLineSpan().StartLinePosition.Character + 1));
        Assert.Equal("Layer 5: Up multiplies the stride by 0.5 in each of 10 copies, so its stride-32 input gives stride 0.031; the stride must stay a whole number of input pixels from 1 to 1048576", error.GetMessage());
        Assert.Empty(run.Models);
    }

    private static string Describe(ResolvedLayer layer) =>
        $"{layer.Index}: {layer.Module} [{string.Join(", ", layer.OutChannels)}] @ [{string.Join(", ", layer.Strides)}] {CSharpCode.Call(layer)}"
        + (layer.Instances > 1 ? " ×" + layer.Instances : "");
}
