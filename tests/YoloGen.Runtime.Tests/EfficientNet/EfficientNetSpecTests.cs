using Xunit;
using YoloGen.Nn;
using static YoloGen.Runtime.Tests.EfficientNet.EfficientNetReference;

namespace YoloGen.Runtime.Tests.EfficientNet;

/// <summary>The TorchSharp-free description against torchvision's figures and the documented scaling rule.</summary>
public class EfficientNetSpecTests
{
    [Theory]
    [MemberData(nameof(AllVariants), MemberType = typeof(EfficientNetReference))]
    public void Stage_table_equals_torchvision(string variant)
    {
        var spec = EfficientNetSpec.Create(variant);
        var model = Model(variant);
        var stages = Stages(variant);
        var blockStages = BlockStages(variant);

        Assert.Equal(variant, spec.Variant);
        Assert.Equal(stages.Length, spec.FeatureChannels.Count);
        Assert.Equal(blockStages.Length, spec.Stages.Count);
        Assert.Equal(stages[0].GetProperty("out_channels").GetInt32(), spec.StemChannels);
        Assert.Equal(model.GetProperty("head_conv_channels").GetInt32(), spec.HeadChannels);
        Assert.Equal(model.GetProperty("blocks").GetInt32(), spec.Blocks);
        Assert.Equal(model.GetProperty("batchnorm").GetProperty("eps").GetDouble(), spec.BatchNormEps);
        Assert.Equal(model.GetProperty("batchnorm").GetProperty("momentum").GetDouble(), spec.BatchNormMomentum);
        Assert.Equal(model.GetProperty("stochastic_depth_last_block_p").GetDouble(), spec.StochasticDepthAt(spec.Blocks - 1), 15);
        for (int i = 0; i < blockStages.Length; i++)
        {
            var r = blockStages[i];
            var s = spec.Stages[i];
            Assert.Equal(r.GetProperty("fused").GetBoolean(), s.Fused);
            Assert.Equal(r.GetProperty("expand_ratio").GetDouble(), s.ExpandRatio);
            Assert.Equal(r.GetProperty("kernel").GetInt32(), s.Kernel);
            Assert.Equal(r.GetProperty("stage_stride").GetInt32(), s.Stride);
            Assert.Equal(r.GetProperty("in_channels").GetInt32(), s.InChannels);
            Assert.Equal(r.GetProperty("out_channels").GetInt32(), s.OutChannels);
            Assert.Equal(r.GetProperty("repeats").GetInt32(), s.Repeats);
        }
        for (int i = 0; i < stages.Length; i++)
        {
            Assert.Equal(stages[i].GetProperty("channels").GetInt32(), spec.FeatureChannels[i]);
            Assert.Equal(stages[i].GetProperty("stride").GetInt32(), spec.FeatureStrides[i]);
        }
    }

    [Theory]
    [MemberData(nameof(AllVariants), MemberType = typeof(EfficientNetReference))]
    public void Outputs_are_the_last_feature_index_per_stride(string variant)
    {
        var spec = EfficientNetSpec.Create(variant);
        var pyramid = Pyramid(variant);
        Assert.Equal(new[] { 2, 4, 8, 16, 32 }, EfficientNetSpec.OutputStrides);
        for (int k = 0; k < 5; k++)
        {
            Assert.Equal(pyramid[k].GetProperty("last").GetInt32(), spec.OutputFeatureIndices[k]);
            Assert.Equal(pyramid[k].GetProperty("channels_at_last").GetInt32(), spec.OutputChannels[k]);
        }
    }

    /// <summary>
    /// The documented rule with extra multipliers, computed here from the unscaled tables in the reference
    /// (B0's table for the B-series, each V2 table itself) and the variant coefficients listed there.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllVariants), MemberType = typeof(EfficientNetReference))]
    public void Extra_multipliers_follow_the_documented_rule(string variant)
    {
        foreach (var (w, d) in new[] { (0.25, 0.5), (0.5, 0.33), (1.5, 1.0), (0.75, 0.67) })
        {
            var spec = EfficientNetSpec.Create(variant, w, d);
            bool v2 = variant.StartsWith("efficientnet_v2_");
            var model = Model(variant);
            double wv = v2 ? 1.0 : model.GetProperty("width_mult").GetDouble();
            double dv = v2 ? 1.0 : model.GetProperty("depth_mult").GetDouble();
            var baseTable = BlockStages(v2 ? variant : "efficientnet_b0");
            var baseStem = Stages(v2 ? variant : "efficientnet_b0")[0].GetProperty("out_channels").GetInt32();

            Assert.Equal(TorchvisionMakeDivisible(baseStem * (wv * w)), spec.StemChannels);
            int blocks = 0;
            for (int i = 0; i < baseTable.Length; i++)
            {
                int expectedOut = TorchvisionMakeDivisible(baseTable[i].GetProperty("out_channels").GetInt32() * (wv * w));
                int expectedRepeats = (int)Math.Ceiling(baseTable[i].GetProperty("repeats").GetInt32() * (dv * d));
                Assert.Equal(expectedOut, spec.Stages[i].OutChannels);
                Assert.Equal(expectedRepeats, spec.Stages[i].Repeats);
                Assert.Equal(i == 0 ? spec.StemChannels : spec.Stages[i - 1].OutChannels, spec.Stages[i].InChannels);
                blocks += expectedRepeats;
            }
            int lastOut = spec.Stages[^1].OutChannels;
            Assert.Equal(v2 ? TorchvisionMakeDivisible(1280 * w) : 4 * lastOut, spec.HeadChannels);
            Assert.Equal(blocks, spec.Blocks);
            // Same feature indices as at 1.0: the multipliers change widths and repeats, never the stage layout.
            Assert.Equal(EfficientNetSpec.Create(variant).OutputFeatureIndices, spec.OutputFeatureIndices);
        }
    }

    [Fact]
    public void Seed_multipliers_hand_computed()
    {
        // efficientnet-b0 at (0.25, 0.5): outputs 16·0.25=4→8, 24·0.25=6→8, 40·0.25=10→8 (<90 %)→16,
        // 112·0.25=28→32, head 4·(320·0.25=80)=320; repeats ceil([1,2,2,3,3,4,1]·0.5) = 1 1 1 2 2 2 1.
        var b0 = EfficientNetSpec.Create("efficientnet-b0", 0.25, 0.5);
        Assert.Equal(new[] { 8, 8, 16, 32, 320 }, b0.OutputChannels);
        Assert.Equal(8, b0.StemChannels);
        Assert.Equal(new[] { 1, 1, 1, 2, 2, 2, 1 }, b0.Stages.Select(s => s.Repeats));
        Assert.Equal(new[] { 8, 8, 16, 24, 32, 48, 80 }, b0.Stages.Select(s => s.OutChannels));

        // efficientnet_v2_s at (0.25, 0.5): 24→6→8, 48→12→16, 64→16, 160→40, head 1280·0.25 = 320;
        // repeats ceil([2,4,4,6,9,15]·0.5) = 1 2 2 3 5 8.
        var s = EfficientNetSpec.Create("efficientnet_v2_s", 0.25, 0.5);
        Assert.Equal(new[] { 8, 16, 16, 40, 320 }, s.OutputChannels);
        Assert.Equal(new[] { 1, 2, 2, 3, 5, 8 }, s.Stages.Select(x => x.Repeats));
        Assert.Equal(21, s.Blocks);

        // efficientnet-b2 at (0.5, 1.0): width 1.1·0.5 = 0.55; 40·0.55 = 22 → 24, head 4·(320·0.55=176) = 704.
        var b2 = EfficientNetSpec.Create("efficientnet-b2", 0.5);
        Assert.Equal(24, b2.Stages[2].OutChannels);
        Assert.Equal(704, b2.HeadChannels);
    }

    [Theory]
    [InlineData(4.0, 8)]
    [InlineData(10.0, 16)]   // 8 is below 90 % of 10
    [InlineData(35.2, 32)]
    [InlineData(44.0, 48)]   // halves round up
    [InlineData(123.2, 120)]
    [InlineData(0.5, 8)]
    public void MakeDivisible_matches_torchvision(double v, int expected)
    {
        Assert.Equal(expected, EfficientNetSpec.MakeDivisible(v, 8));
        Assert.Equal(expected, TorchvisionMakeDivisible(v));
    }

    [Theory]
    [InlineData("efficientnet-b0", "efficientnet_b0")]
    [InlineData("efficientnet_b7", "efficientnet_b7")]
    [InlineData(" EfficientNet-B3 ", "efficientnet_b3")]
    [InlineData("efficientnet_v2_s", "efficientnet_v2_s")]
    [InlineData("efficientnet-v2-l", "efficientnet_v2_l")]
    [InlineData("efficientnet-b8", null)]
    [InlineData("efficientnet_v2_xl", null)]
    [InlineData("", null)]
    public void Variant_spellings(string input, string? expected) => Assert.Equal(expected, EfficientNetSpec.Normalize(input));

    [Fact]
    public void Bad_arguments_give_clear_errors()
    {
        Assert.False(EfficientNetSpec.TryCreate("efficientnet-b8", 1, 1, v2: false, out _, out var e1));
        Assert.Contains("'efficientnet-b8'", e1);
        Assert.Contains("efficientnet_b7", e1);

        // Family mismatch: a V2 name given to the V1 module and vice versa.
        Assert.False(EfficientNetSpec.TryCreate("efficientnet_v2_s", 1, 1, v2: false, out _, out var e2));
        Assert.Contains("V1", e2);
        Assert.False(EfficientNetSpec.TryCreate("efficientnet-b0", 1, 1, v2: true, out _, out var e3));
        Assert.Contains("efficientnet_v2_s", e3);

        Assert.False(EfficientNetSpec.TryCreate("efficientnet-b0", 0, 1, null, out _, out var e4));
        Assert.Contains("positive", e4);
        Assert.False(EfficientNetSpec.TryCreate("efficientnet-b0", 1, double.NaN, null, out _, out _));

        var ex = Assert.Throws<ArgumentException>(() => new EfficientNetV1("efficientnet_v2_m"));
        Assert.Contains("efficientnet_v2_m", ex.Message);
        Assert.Throws<ArgumentException>(() => new EfficientNetV2("efficientnet-b0"));
    }

    /// <summary>The backbone lines of the shipped model files name valid variants of the right family.</summary>
    [Theory]
    [InlineData("yolo11-efficientnetv1.yaml", "efficient", false, new[] { 8, 8, 16, 32, 320 })]
    [InlineData("yolo11-efficientnetv2.yaml", "efficientnet_v2", true, new[] { 8, 16, 16, 40, 320 })]
    public void Model_files_use_valid_backbone_arguments(string file, string module, bool v2, int[] channels)
    {
        string path = Path.Combine(RepoRoot, "models", file);
        var line = File.ReadLines(path).Single(l => l.Contains($", {module}, ["));
        var m = System.Text.RegularExpressions.Regex.Match(line, @"^  - \[-1, 1, (\w+), \[([\w-]+), *([0-9.]+), *([0-9.]+)\]\]");
        Assert.True(m.Success, line);
        Assert.Equal(module, m.Groups[1].Value);
        var spec = EfficientNetSpec.Create(m.Groups[2].Value, double.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture),
            double.Parse(m.Groups[4].Value, System.Globalization.CultureInfo.InvariantCulture), v2);
        Assert.Equal(channels, spec.OutputChannels);
    }

    /// <summary>torchvision's <c>_make_divisible(v, 8)</c>, written out independently of the code under test.</summary>
    private static int TorchvisionMakeDivisible(double v)
    {
        int newV = Math.Max(8, (int)(v + 4) / 8 * 8);
        return newV < 0.9 * v ? newV + 8 : newV;
    }
}
