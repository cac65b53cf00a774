using System.Globalization;

namespace YoloGen.Cli;

/// <summary>A user error on the command line or in an input file: printed as one clear line, exit code 2.</summary>
public sealed class CliException(string message) : Exception(message);

/// <summary>
/// Minimal, strict command-line parser: <c>--name value</c>, <c>--name=value</c>, <c>--flag</c> and positionals.
/// Every option a command reads is declared by reading it; <see cref="EnsureAllUsed"/> rejects the rest,
/// so a typo (<c>--epoch 3</c>) is an error instead of being silently ignored.
/// </summary>
public sealed class CliArgs
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly List<string> _positionals = new();

    public CliArgs(string command, IEnumerable<string> args)
    {
        Command = command;
        var list = args.ToList();
        for (int i = 0; i < list.Count; i++)
        {
            string a = list[i];
            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                string name = a[2..];
                string? value = null;
                int eq = name.IndexOf('=');
                if (eq >= 0) { value = name[(eq + 1)..]; name = name[..eq]; }
                else if (i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal)) value = list[++i];
                if (_options.ContainsKey(name)) throw new CliException($"{command}: option --{name} given twice");
                _options[name] = value;
            }
            else _positionals.Add(a);
        }
    }

    public string Command { get; }

    public IReadOnlyList<string> Positionals => _positionals;

    public bool Flag(string name)
    {
        _used.Add(name);
        if (!_options.TryGetValue(name, out var v)) return false;
        if (v is null) return true;
        return v.ToLowerInvariant() switch
        {
            "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            _ => throw new CliException($"{Command}: --{name} takes no value (or true/false), got '{v}'"),
        };
    }

    public string? String(string name)
    {
        _used.Add(name);
        if (!_options.TryGetValue(name, out var v)) return null;
        return v ?? throw new CliException($"{Command}: --{name} needs a value");
    }

    /// <summary>An option that may stand alone or take a value (<c>--resume</c> or <c>--resume path</c>).</summary>
    public (bool Present, string? Value) Optional(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out var v) ? (true, v) : (false, null);
    }

    public string Required(string name) =>
        String(name) ?? throw new CliException($"{Command}: --{name} is required");

    public int Int(string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        string? s = String(name);
        if (s is null) return fallback;
        if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v))
            throw new CliException($"{Command}: --{name} must be an integer, got '{s}'");
        if (v < min || v > max) throw new CliException($"{Command}: --{name} must be in [{min}, {max}], got {v}");
        return v;
    }

    public double Double(string name, double fallback, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        string? s = String(name);
        if (s is null) return fallback;
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || double.IsNaN(v))
            throw new CliException($"{Command}: --{name} must be a number, got '{s}'");
        if (v < min || v > max) throw new CliException($"{Command}: --{name} must be in [{min}, {max}], got {v}");
        return v;
    }

    public string Choice(string name, string fallback, params string[] allowed)
    {
        string v = String(name) ?? fallback;
        if (!allowed.Contains(v, StringComparer.Ordinal))
            throw new CliException($"{Command}: --{name} must be one of {string.Join(", ", allowed)}, got '{v}'");
        return v;
    }

    /// <summary>Call after reading every option: unknown options and surplus positionals are errors.</summary>
    public void EnsureAllUsed(int maxPositionals = 0)
    {
        foreach (var k in _options.Keys)
            if (!_used.Contains(k)) throw new CliException($"{Command}: unknown option --{k} (see 'yologen help')");
        if (_positionals.Count > maxPositionals)
            throw new CliException($"{Command}: unexpected argument '{_positionals[maxPositionals]}'");
    }
}
