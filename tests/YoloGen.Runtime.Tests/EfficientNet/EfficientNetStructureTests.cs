using Xunit;
using TorchSharp;
using TorchSharp.Modules;
using YoloGen.Nn;
using static TorchSharp.torch;
using static YoloGen.Runtime.Tests.EfficientNet.EfficientNetReference;

namespace YoloGen.Runtime.Tests.EfficientNet;

/// <summary>Built modules against torchvision's parameter counts, block configuration and names.</summary>
[Collection("EfficientNet")]
public class EfficientNetStructureTests
{
    [Theory]
    [MemberData(nameof(AllVariants), MemberType = typeof(EfficientNetReference))]
    public void Parameters_blocks_and_batchnorm_equal_torchvision(string variant)
    {
        using var net = Build(variant);
        var model = Model(variant);
        var stages = Stages(variant);

        long total = net.parameters().Sum(p => p.numel());
        Assert.Equal(model.GetProperty("params_features").GetInt64(), total);

        var perStage = net.named_parameters()
            .GroupBy(p => int.Parse(p.name.Split('.')[1]))
            .ToDictionary(g => g.Key, g => g.Sum(p => p.parameter.numel()));
        Assert.Equal(stages.Length, perStage.Count);
        foreach (var s in stages)
            Assert.Equal(s.GetProperty("params").GetInt64(), perStage[s.GetProperty("index").GetInt32()]);

        var bns = net.modules().OfType<BatchNorm2d>().ToList();
        var bn = model.GetProperty("batchnorm");
        Assert.Equal(bn.GetProperty("count").GetInt32(), bns.Count);
        Assert.All(bns, b =>
        {
            Assert.Equal(bn.GetProperty("eps").GetDouble(), b.eps);
            Assert.Equal(bn.GetProperty("momentum").GetDouble(), b.momentum);
        });

        // Per stage: residual blocks, squeeze width of the first block, and the stochastic-depth schedule.
        var blocks = net.modules().OfType<EfficientNetBlock>().ToList();
        Assert.Equal(model.GetProperty("blocks").GetInt32(), blocks.Count);
        double J = blocks.Count;
        for (int j = 0; j < blocks.Count; j++)
            Assert.Equal(0.2 * j / J, blocks[j].StochasticDepthProbability, 15);
        Assert.Equal(model.GetProperty("stochastic_depth_last_block_p").GetDouble(), blocks[^1].StochasticDepthProbability, 15);

        var state = net.state_dict();
        foreach (var s in BlockStages(variant))
        {
            int i = s.GetProperty("index").GetInt32();
            var stageBlocks = net.named_modules()
                .Where(m => m.name.StartsWith($"features.{i}."))
                .Select(m => m.module).OfType<EfficientNetBlock>().ToList();
            Assert.Equal(s.GetProperty("repeats").GetInt32(), stageBlocks.Count);
            Assert.Equal(s.GetProperty("residual_blocks").GetInt32(), stageBlocks.Count(b => b.UsesResidual));
            Assert.All(stageBlocks, b => Assert.Equal(s.GetProperty("fused").GetBoolean(), b is FusedMBConv));
            var se = s.GetProperty("se_channels_first_block");
            if (se.ValueKind == System.Text.Json.JsonValueKind.Null)
                Assert.DoesNotContain(state.Keys, k => k.StartsWith($"features.{i}.") && k.Contains(".fc1."));
            else
            {
                var fc1 = state.Single(kv => kv.Key.StartsWith($"features.{i}.0.block.") && kv.Key.EndsWith(".fc1.weight")).Value;
                Assert.Equal(se.GetInt64(), fc1.shape[0]);
            }
        }
        foreach (var t in state.Values) t.Dispose();
    }

    /// <summary>Keys and shapes as in torchvision's state dicts (efficientnet_b0 / efficientnet_v2_s).</summary>
    [Theory]
    [InlineData("efficientnet_b0", "features.0.0.weight", new long[] { 32, 3, 3, 3 })]
    [InlineData("efficientnet_b0", "features.0.1.running_var", new long[] { 32 })]
    [InlineData("efficientnet_b0", "features.1.0.block.0.0.weight", new long[] { 32, 1, 3, 3 })]
    [InlineData("efficientnet_b0", "features.1.0.block.1.fc1.weight", new long[] { 8, 32, 1, 1 })]
    [InlineData("efficientnet_b0", "features.1.0.block.1.fc2.bias", new long[] { 32 })]
    [InlineData("efficientnet_b0", "features.1.0.block.2.0.weight", new long[] { 16, 32, 1, 1 })]
    [InlineData("efficientnet_b0", "features.2.0.block.0.0.weight", new long[] { 96, 16, 1, 1 })]
    [InlineData("efficientnet_b0", "features.2.0.block.1.0.weight", new long[] { 96, 1, 3, 3 })]
    [InlineData("efficientnet_b0", "features.2.1.block.2.fc1.weight", new long[] { 6, 144, 1, 1 })]
    [InlineData("efficientnet_b0", "features.2.1.block.3.1.num_batches_tracked", new long[0])]
    [InlineData("efficientnet_b0", "features.8.0.weight", new long[] { 1280, 320, 1, 1 })]
    [InlineData("efficientnet_v2_s", "features.1.1.block.0.0.weight", new long[] { 24, 24, 3, 3 })]
    [InlineData("efficientnet_v2_s", "features.2.0.block.0.0.weight", new long[] { 96, 24, 3, 3 })]
    [InlineData("efficientnet_v2_s", "features.2.0.block.1.0.weight", new long[] { 48, 96, 1, 1 })]
    [InlineData("efficientnet_v2_s", "features.4.0.block.0.0.weight", new long[] { 256, 64, 1, 1 })]
    [InlineData("efficientnet_v2_s", "features.4.0.block.2.fc1.weight", new long[] { 16, 256, 1, 1 })]
    [InlineData("efficientnet_v2_s", "features.6.14.block.3.1.bias", new long[] { 256 })]
    [InlineData("efficientnet_v2_s", "features.7.1.weight", new long[] { 1280 })]
    public void State_dict_names_are_torchvisions(string variant, string key, long[] shape)
    {
        using var net = Build(variant);
        var state = net.state_dict();
        Assert.True(state.ContainsKey(key), $"missing {key}");
        Assert.Equal(shape, state[key].shape);
        Assert.All(state.Keys, k => Assert.StartsWith("features.", k));
        foreach (var t in state.Values) t.Dispose();
    }

    [Fact]
    public void Seed_multipliers_shrink_repeats_and_channels()
    {
        using var v1 = new EfficientNetV1("efficientnet-b0", 0.25, 0.5);
        Assert.Equal(new long[] { 8, 8, 16, 32, 320 }, v1.OutputChannels);
        Assert.Equal(new[] { 1, 1, 1, 2, 2, 2, 1 }, StageRepeats(v1, 7));
        using var v2 = new EfficientNetV2("efficientnet_v2_s", 0.25, 0.5);
        Assert.Equal(new long[] { 8, 16, 16, 40, 320 }, v2.OutputChannels);
        Assert.Equal(new[] { 1, 2, 2, 3, 5, 8 }, StageRepeats(v2, 6));
    }

    private static int[] StageRepeats(EfficientNetBackbone net, int stages) =>
        Enumerable.Range(1, stages).Select(i => net.named_modules()
            .Count(m => m.module is EfficientNetBlock && m.name.StartsWith($"features.{i}."))).ToArray();
}
