namespace YoloGen.Generator.Model;

/// <summary>
/// The Ultralytics version whose <c>parse_model</c> a model file is resolved with: its argument lists (8.4 adds
/// SPPF's n and shortcut, C3k2's attn, the heads' reg_max and end2end) and the default of the generated
/// constructor's <c>reference</c> rules. Set for a project with the MSBuild property <c>YoloGenReference</c> and
/// for one file with the AdditionalFiles metadata of the same name; <see cref="Problem"/> holds a value that is neither.
/// </summary>
internal sealed record ReferenceVersion(string FilePath, bool Is84, string? Problem)
{
    public const string Default84 = "8.4.50";
    public const string Legacy83 = "8.3.0";

    /// <summary>The full version text (8.4.50 or 8.3.0).</summary>
    public string Text => Is84 ? Default84 : Legacy83;

    /// <summary>The runtime's preset: <c>ReferenceRules.V8_4</c> or <c>V8_3</c>.</summary>
    public string RulesName => Is84 ? "V8_4" : "V8_3";

    public static ReferenceVersion From(string filePath, string? fileValue, string? projectValue)
    {
        var text = !string.IsNullOrWhiteSpace(fileValue) ? fileValue!.Trim() : projectValue?.Trim();
        return text switch
        {
            null or "" or "8.4" or "8.4.50" => new ReferenceVersion(filePath, true, null),
            "8.3" or "8.3.0" => new ReferenceVersion(filePath, false, null),
            _ => new ReferenceVersion(filePath, true, text),
        };
    }
}
