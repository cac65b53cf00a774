using System.CommandLine;

namespace YoloGen.Cli.Parsing;

/// <summary>What help, docs/cli.md and the Ultralytics spelling need of an option beside the parser's declaration.</summary>
public interface ICliOption
{
    Option Option { get; }

    /// <summary>The default as help shows it; null when the option has none (required, or absent means off).</summary>
    string? DefaultText { get; }

    /// <summary>The allowed values of a choice, else null.</summary>
    IReadOnlyList<string>? Allowed { get; }

    /// <summary>The reference's <c>key=value</c> spelling of this option, if it has one.</summary>
    UltralyticsKey? Ultralytics { get; }

    /// <summary>The parsed (or default) value, for comparing two parses.</summary>
    object? ValueIn(ParseResult result);
}

/// <summary>
/// The reference's <c>key=value</c> argument for an option: <see cref="Tokens"/> turns its value into our tokens
/// (by default <c>--option value</c>; an empty list drops it, e.g. <c>plots=True</c> where plotting is the default).
/// </summary>
public sealed record UltralyticsKey(string Key, Func<string, IReadOnlyList<string>> Tokens);

/// <summary>An option declared once with its type, default, allowed values, description and reference spelling.</summary>
public sealed class CliOption<T> : Option<T>, ICliOption
{
    public CliOption(string name, params string[] aliases) : base(name, aliases) { }

    public Option Option => this;

    public string? DefaultText { get; set; }

    public IReadOnlyList<string>? Allowed { get; init; }

    public UltralyticsKey? Ultralytics { get; private set; }

    public object? ValueIn(ParseResult result) => result.GetValue(this);

    /// <summary>Accepts the reference's <c>key=value</c> for this option, translated by <paramref name="tokens"/>.</summary>
    public CliOption<T> AlsoUltralytics(string key, Func<string, IReadOnlyList<string>>? tokens = null)
    {
        Ultralytics = new UltralyticsKey(key, tokens ?? (value => [Name, value]));
        return this;
    }
}
