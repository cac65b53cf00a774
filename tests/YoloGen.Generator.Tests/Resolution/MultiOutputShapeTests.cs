using System.Text.Json;
using System.Text.RegularExpressions;
using YoloGen.Generator.Model;
using YoloGen.Generator.Tests.Infrastructure;

namespace YoloGen.Generator.Tests.Resolution;

/// <summary>
/// Shape inference through a multi-output module: an EfficientNet backbone occupies indices 0…4, each with its
/// own channels and stride, and the layers that read them get those channels. Expected values come from
/// tests/reference/efficientnet.json (torchvision's features, measured at 640×640).
/// </summary>
public sealed class MultiOutputShapeTests
{
    public static TheoryData<string> Variants => new()
    {
        "efficientnet_b0", "efficientnet_b1", "efficientnet_b2", "efficientnet_b3", "efficientnet_b4", "efficientnet_b5",
        "efficientnet_b6", "efficientnet_b7", "efficientnet_v2_s", "efficientnet_v2_m", "efficientnet_v2_l",
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Each_backbone_index_has_the_reference_channels_and_stride(string variant)
    {
        var module = variant.Contains("_v2_", StringComparison.Ordinal) ? "efficientnet_v2" : "efficient";
        var yaml = $"""
            nc: 2
            backbone:
              - [-1, 1, {module}, [{variant}, 1.0, 1.0]]  # 0-4: P1/2 … P5/32
              - [-1, 1, SPPF, [256, 5]]                   # 5 reads P5
            head:
              - [3, 1, Conv, [64, 1, 1]]                  # 6 reads P4
              - [[2, 6, 5], 1, Detect, [nc]]              # P3/8, P4/16, P5/32
            """;
        var result = ModelPipeline.ResolveText("/models/backbone.yaml", yaml);
        Assert.Empty(result.Diagnostics);
        var layers = Assert.Single(result.Models).Layers;

        var (channels, strides) = Pyramid(variant);
        var backbone = layers[0];
        Assert.Equal((0, 5), (backbone.Index, backbone.OutputCount));
        Assert.Equal(channels, backbone.OutChannels.ToArray());
        Assert.Equal(strides, backbone.Strides.ToArray());

        Assert.Equal(new ArgValue[] { new IntValue(channels[4]), new IntValue(256) }, layers[1].Args.Take(2));   // SPPF c1 = P5
        Assert.Equal((5, 32), (layers[1].Index, layers[1].Strides.Single()));
        Assert.Equal(new ArgValue[] { new IntValue(channels[3]), new IntValue(64) }, layers[2].Args.Take(2));    // Conv c1 = P4
        Assert.Equal(16, layers[2].Strides.Single());
        var head = layers[3];
        Assert.Equal([8, 16, 32], head.Strides.ToArray());
        Assert.Equal(new ListValue(ImmutableEquatableArray.Create<ArgValue>(new IntValue(channels[2]), new IntValue(64), new IntValue(256))), head.Args[head.Args.Count - 1]); // [nc, reg_max, end2end, ch]
    }

    [Theory]
    [InlineData("yolo11-EfficientNetV1.yaml")]
    [InlineData("yolo11-EfficientNetV2.yaml")]
    public void The_seed_files_resolve_once_their_scales_are_indented_as_the_error_says(string seed)
    {
        var text = File.ReadAllText(RepositoryPaths.ReferenceYaml(seed));
        var fixedText = Regex.Replace(text, @"^([nsmlx]: \[)", "  $1", RegexOptions.Multiline);
        var result = ModelPipeline.ResolveFile(RepositoryPaths.ReferenceYaml(seed));
        Assert.Contains(result.Diagnostics, d => d.Id == "YG0004");

        var repaired = ModelPipeline.ResolveText(RepositoryPaths.ReferenceYaml(seed), fixedText);
        Assert.Empty(repaired.Diagnostics);
        Assert.Equal(["n", "s", "m", "l", "x"], repaired.Models.Select(m => m.Scale));
        Assert.All(repaired.Models, m => Assert.Equal([2, 4, 8, 16, 32], m.Layers[0].Strides.ToArray()));
    }

    /// <summary>P1…P5 channels (at the last feature map of each stride) and strides from the reference.</summary>
    private static (int[] Channels, int[] Strides) Pyramid(string variant)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Reference, "efficientnet.json")));
        var pyramid = json.RootElement.GetProperty("models").GetProperty(variant).GetProperty("pyramid");
        int[] strides = [2, 4, 8, 16, 32];
        var channels = strides.Select((s, i) => pyramid.GetProperty($"P{i + 1}_stride{s}").GetProperty("channels_at_last").GetInt32()).ToArray();
        return (channels, strides);
    }
}
