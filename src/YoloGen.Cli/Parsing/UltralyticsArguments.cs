using System.CommandLine;

namespace YoloGen.Cli.Parsing;

/// <summary>
/// The reference's <c>key=value</c> arguments (<c>yologen train model=yolo11n.yaml data=coco8.yaml epochs=3</c>),
/// rewritten into the declared options before parsing, so both spellings reach the same option and its checks.
/// A key is an option's <see cref="UltralyticsKey"/> or its own name with <c>_</c> for <c>-</c> (<c>max_det=10</c>).
/// A switch's value may also be 1/0 or yes/no, as it could before System.CommandLine parsed the options.
/// </summary>
public static class UltralyticsArguments
{
    public static IReadOnlyList<string> Rewrite(CliCommand command, IReadOnlyList<string> args)
    {
        var keys = new Dictionary<string, UltralyticsKey>(StringComparer.Ordinal);
        foreach (var o in command.DeclaredOptions)
        {
            if (o.Ultralytics is { } u) keys[u.Key] = u;
            string own = o.Option.Name.TrimStart('-').Replace('-', '_');
            keys.TryAdd(own, new UltralyticsKey(own, v => [o.Option.Name, v]));
        }

        var dashed = new List<string>(args.Count);
        for (int i = 0; i < args.Count; i++)
        {
            string token = args[i];
            if (token == "--")
            {
                dashed.AddRange(args.Skip(i));
                break;
            }
            if (token.StartsWith('-'))
            {
                dashed.Add(token);
                if (!token.Contains('=') && Find(command, token) is { Arity.MinimumNumberOfValues: > 0 } && i + 1 < args.Count) dashed.Add(args[++i]);
                continue;
            }
            int eq = token.IndexOf('=');
            if (eq > 0 && keys.TryGetValue(token[..eq], out var key)) dashed.AddRange(key.Tokens(token[(eq + 1)..]));
            else dashed.Add(token);
        }
        return NormaliseSwitches(command, dashed);
    }

    /// <summary>A switch's value spelled 1/0 or yes/no (or True/False, as the reference writes it) becomes true/false.</summary>
    private static List<string> NormaliseSwitches(CliCommand command, List<string> tokens)
    {
        var result = new List<string>(tokens.Count);
        for (int i = 0; i < tokens.Count; i++)
        {
            string token = tokens[i];
            int at = token.IndexOf('=');
            if (!token.StartsWith('-') || Find(command, at < 0 ? token : token[..at])?.ValueType != typeof(bool)) result.Add(token);
            else if (at >= 0) result.Add(token[..(at + 1)] + (SwitchValue(token[(at + 1)..]) ?? token[(at + 1)..]));
            else
            {
                result.Add(token);
                if (i + 1 < tokens.Count && SwitchValue(tokens[i + 1]) is { } value)
                {
                    result.Add(value);
                    i++;
                }
            }
        }
        return result;
    }

    /// <summary>The keys a command accepts, for suggestions.</summary>
    public static IEnumerable<string> Keys(CliCommand command) =>
        command.DeclaredOptions.Select(o => o.Ultralytics?.Key).OfType<string>()
            .Concat(command.DeclaredOptions.Select(o => o.Option.Name.TrimStart('-').Replace('-', '_')));

    private static Option? Find(CliCommand command, string name) =>
        command.Options.FirstOrDefault(o => o.Name == name || o.Aliases.Contains(name));

    private static string? SwitchValue(string text) => text.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" => "true",
        "false" or "0" or "no" => "false",
        _ => null,
    };
}
