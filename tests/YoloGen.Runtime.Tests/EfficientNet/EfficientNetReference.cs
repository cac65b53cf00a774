using System.Text.Json;

namespace YoloGen.Runtime.Tests.EfficientNet;

/// <summary>tests/reference/efficientnet.json (torchvision 0.14.1 figures), loaded once.</summary>
internal static class EfficientNetReference
{
    /// <summary>The repository root: the first directory above the test binaries holding tests/reference/efficientnet.json.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    private static readonly Lazy<JsonElement> Root = new(() =>
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot, "tests", "reference", "efficientnet.json")));
        return doc.RootElement.Clone();
    });

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "tests", "reference", "efficientnet.json")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new FileNotFoundException("tests/reference/efficientnet.json not found above " + AppContext.BaseDirectory);
    }

    public static readonly string[] V1 =
    {
        "efficientnet_b0", "efficientnet_b1", "efficientnet_b2", "efficientnet_b3",
        "efficientnet_b4", "efficientnet_b5", "efficientnet_b6", "efficientnet_b7",
    };

    public static readonly string[] V2 = { "efficientnet_v2_s", "efficientnet_v2_m", "efficientnet_v2_l" };

    public static IEnumerable<object[]> AllVariants => V1.Concat(V2).Select(v => new object[] { v });

    public static JsonElement Model(string variant) => Root.Value.GetProperty("models").GetProperty(variant);

    public static JsonElement[] Stages(string variant) => Model(variant).GetProperty("stages").EnumerateArray().ToArray();

    /// <summary>The pyramid entries P1_stride2 … P5_stride32 in order.</summary>
    public static JsonElement[] Pyramid(string variant)
    {
        var p = Model(variant).GetProperty("pyramid");
        return new[] { "P1_stride2", "P2_stride4", "P3_stride8", "P4_stride16", "P5_stride32" }.Select(k => p.GetProperty(k)).ToArray();
    }

    /// <summary>Block stages (kind MBConv or FusedMBConv), i.e. .features indices 1 … S.</summary>
    public static JsonElement[] BlockStages(string variant) =>
        Stages(variant).Where(s => s.GetProperty("kind").GetString() is "MBConv" or "FusedMBConv").ToArray();

    public static YoloGen.Nn.EfficientNetBackbone Build(string variant, double w = 1.0, double d = 1.0) =>
        variant.StartsWith("efficientnet_v2_") ? new YoloGen.Nn.EfficientNetV2(variant, w, d) : new YoloGen.Nn.EfficientNetV1(variant, w, d);
}
