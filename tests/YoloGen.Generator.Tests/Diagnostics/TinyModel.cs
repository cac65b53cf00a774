namespace YoloGen.Generator.Tests.Diagnostics;

/// <summary>
/// A small valid detection model whose lines the diagnostic tests damage one at a time. Line numbers in the
/// tests are 1-based, as the compiler prints them: nc is line 1, the Detect line is 14.
/// </summary>
internal static class TinyModel
{
    public const string Yaml = """
        nc: 2
        scales:
          n: [0.50, 0.25, 1024]
          s: [0.50, 0.50, 1024]
        backbone:
          - [-1, 1, Conv, [64, 3, 2]]
          - [-1, 1, Conv, [128, 3, 2]]
          - [-1, 1, Conv, [256, 3, 2]]
          - [-1, 1, Conv, [512, 3, 2]]
        head:
          - [-1, 1, nn.Upsample, [None, 2, "nearest"]]
          - [[-1, 2], 1, Concat, [1]]
          - [-1, 1, C3k2, [256, False]]
          - [[6, 3], 1, Detect, [nc]]

        """;

    /// <summary>The model with one exact piece of text replaced (which must occur exactly once).</summary>
    public static string With(string original, string replacement)
    {
        var at = Yaml.IndexOf(original, StringComparison.Ordinal);
        if (at < 0 || Yaml.IndexOf(original, at + 1, StringComparison.Ordinal) >= 0)
            throw new ArgumentException($"'{original}' must occur exactly once in the tiny model");
        return Yaml.Substring(0, at) + replacement + Yaml.Substring(at + original.Length);
    }
}
