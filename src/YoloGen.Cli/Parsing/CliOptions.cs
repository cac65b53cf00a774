using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace YoloGen.Cli.Parsing;

/// <summary>
/// Options by kind of value. Each checks its value while parsing and reports a bad one as
/// <c>--name must be …, got '…'</c>, which the command prints as its one-line usage error.
/// </summary>
public static class CliOptions
{
    public static CliOption<int> Int(string name, string valueName, string description, int defaultValue,
        int min = int.MinValue, int max = int.MaxValue, string? defaultText = null) =>
        new(name)
        {
            HelpName = valueName, Description = description,
            DefaultValueFactory = _ => defaultValue,
            DefaultText = defaultText ?? Invariant(defaultValue),
            CustomParser = r => ParseInt(r, name, min, max) ?? defaultValue,
        };

    /// <summary>An integer whose default depends on other options (<see cref="CliOption{T}.DefaultText"/> says how); null when absent.</summary>
    public static CliOption<int?> OptionalInt(string name, string valueName, string description, string? defaultText,
        int min = int.MinValue, int max = int.MaxValue) =>
        new(name) { HelpName = valueName, Description = description, DefaultText = defaultText, CustomParser = r => ParseInt(r, name, min, max) };

    public static CliOption<double> Double(string name, string valueName, string description, double defaultValue,
        double min = double.NegativeInfinity, double max = double.PositiveInfinity) =>
        new(name)
        {
            HelpName = valueName, Description = description,
            DefaultValueFactory = _ => defaultValue,
            DefaultText = Invariant(defaultValue),
            CustomParser = r => ParseDouble(r, name, min, max) ?? defaultValue,
        };

    public static CliOption<string> Choice(string name, string description, string defaultValue, params string[] allowed)
    {
        var option = new CliOption<string>(name)
        {
            HelpName = string.Join('|', allowed), Description = description,
            DefaultValueFactory = _ => defaultValue, DefaultText = defaultValue, Allowed = allowed,
            CustomParser = r =>
            {
                string v = r.Tokens[0].Value;
                if (!allowed.Contains(v, StringComparer.Ordinal))
                    r.AddError($"{name} must be one of {string.Join(", ", allowed)}, got '{v}'");
                return v;
            },
        };
        option.CompletionSources.Add(allowed);
        return option;
    }

    /// <summary>A switch: <c>--name</c>, or <c>--name true|false</c> (also 1/0, yes/no: <see cref="UltralyticsArguments"/>).</summary>
    public static CliOption<bool> Flag(string name, string description) => new(name) { Description = description };

    /// <summary>A text value (a path, a name): null when absent unless <paramref name="defaultValue"/> is given.</summary>
    public static CliOption<string?> Text(string name, string valueName, string description, string? defaultValue = null, bool required = false)
    {
        var option = new CliOption<string?>(name)
        {
            HelpName = valueName, Description = description, Required = required, DefaultText = defaultValue,
        };
        if (defaultValue is not null) option.DefaultValueFactory = _ => defaultValue;
        return option;
    }

    private static int? ParseInt(ArgumentResult r, string name, int min, int max)
    {
        string s = r.Tokens[0].Value;
        if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v))
            r.AddError($"{name} must be an integer, got '{s}'");
        else if (v < min || v > max)
            r.AddError($"{name} must be in [{Invariant(min)}, {Invariant(max)}], got {Invariant(v)}");
        else return v;
        return null;
    }

    private static double? ParseDouble(ArgumentResult r, string name, double min, double max)
    {
        string s = r.Tokens[0].Value;
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || double.IsNaN(v))
            r.AddError($"{name} must be a number, got '{s}'");
        else if (v < min || v > max)
            r.AddError($"{name} must be in [{Invariant(min)}, {Invariant(max)}], got {Invariant(v)}");
        else return v;
        return null;
    }

    internal static string Invariant(IFormattable v) => v.ToString(null, CultureInfo.InvariantCulture);
}
