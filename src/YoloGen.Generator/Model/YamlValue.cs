namespace YoloGen.Generator.Model;

/// <summary>
/// A node of a parsed YAML file with its position. The parser copies YamlDotNet's representation model into
/// these records so that no YamlDotNet object outlives parsing and every node compares by value.
/// </summary>
internal abstract record YamlValue(SourceSpan Span);

/// <summary>A scalar as written: its text and whether it was quoted (quoted scalars are always strings).</summary>
internal sealed record YamlScalar(string Value, bool IsQuoted, SourceSpan Span) : YamlValue(Span)
{
    /// <summary>The scalar as it appears in a flow list (quotes restored).</summary>
    public string DisplayText => IsQuoted ? "\"" + Value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"" : Value;
}

/// <summary>A sequence, flow (<c>[a, b]</c>) or block (<c>- a</c> lines).</summary>
internal sealed record YamlList(ImmutableEquatableArray<YamlValue> Items, SourceSpan Span) : YamlValue(Span);

/// <summary>A mapping, entries in file order.</summary>
internal sealed record YamlMap(ImmutableEquatableArray<YamlMapEntry> Entries, SourceSpan Span) : YamlValue(Span);

/// <summary>One <c>key: value</c> pair of a mapping.</summary>
internal sealed record YamlMapEntry(YamlValue Key, YamlValue Value)
{
    /// <summary>The key's text when it is a scalar, else null.</summary>
    public string? KeyText => (Key as YamlScalar)?.Value;
}
