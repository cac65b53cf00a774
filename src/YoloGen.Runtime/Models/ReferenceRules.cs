namespace YoloGen.Models;

/// <summary>
/// The parameter-free choices that differ between the Ultralytics versions YoloGen follows. Every generated
/// network takes one in its constructor (default: the version its model file was compiled for, printed in its
/// header); the blocks receive the single choices as arguments, so a network can also be built the way a
/// checkpoint was written (<c>V8_4 with { SppfCv1Activation = true }</c> for a released YOLOv8 file).
/// </summary>
public sealed record ReferenceRules
{
    /// <summary>Ultralytics 8.3.0: SPPF's cv1 applies SiLU; every Detect-family head uses the depthwise class branch.</summary>
    public static ReferenceRules V8_3 { get; } = new() { Version = "8.3.0", SppfCv1Activation = true, LegacyHeads = false, BoxBiasInit = 1.0 };

    /// <summary>
    /// Ultralytics 8.4.50: SPPF's cv1 has no activation; a file that uses none of C3k2, A2C2f, C2fCIB gets the
    /// legacy (full-convolution) class branch; box-branch biases start at 2.
    /// </summary>
    public static ReferenceRules V8_4 { get; } = new() { Version = "8.4.50", SppfCv1Activation = false, LegacyHeads = true, BoxBiasInit = 2.0 };

    /// <summary>The Ultralytics version these rules are taken from.</summary>
    public required string Version { get; init; }

    /// <summary>Whether SPPF's first convolution is followed by the default activation (before 8.4) or by none.</summary>
    public required bool SppfCv1Activation { get; init; }

    /// <summary>Whether the file-wide <c>legacy</c> rule applies: files without C3k2/A2C2f/C2fCIB get the old head (8.4 on).</summary>
    public required bool LegacyHeads { get; init; }

    /// <summary>The bias the head's box branches start from (<c>bias_init</c>).</summary>
    public required double BoxBiasInit { get; init; }

    /// <summary>Whether these rules predate 8.4, whose model files added arguments (SPPF's n and shortcut, C3k2's attn, the heads' reg_max and end2end).</summary>
    public bool Before84 => Version.StartsWith("8.3", StringComparison.Ordinal);

    /// <summary><c>8.3</c>, <c>8.3.0</c>, <c>8.4</c> or <c>8.4.50</c>; null for anything else.</summary>
    public static ReferenceRules? Parse(string? text) => text?.Trim() switch
    {
        "8.3" or "8.3.0" => V8_3,
        "8.4" or "8.4.50" => V8_4,
        _ => null,
    };

    public override string ToString() => Version;
}
