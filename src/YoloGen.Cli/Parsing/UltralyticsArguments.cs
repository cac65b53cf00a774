namespace YoloGen.Cli.Parsing;

/// <summary>
/// The reference's <c>key=value</c> arguments (<c>yologen train model=yolo11n.yaml data=coco8.yaml epochs=3</c>),
/// rewritten into the declared options before parsing, so both spellings reach the same option and its checks.
/// A key is an option's <see cref="UltralyticsKey"/> or its own name with <c>_</c> for <c>-</c> (<c>max_det=10</c>).
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

        var result = new List<string>(args.Count);
        for (int i = 0; i < args.Count; i++)
        {
            string token = args[i];
            if (token == "--")
            {
                result.AddRange(args.Skip(i));
                break;
            }
            if (token.StartsWith('-'))
            {
                result.Add(token);
                if (!token.Contains('=') && TakesValue(command, token) && i + 1 < args.Count) result.Add(args[++i]);
                continue;
            }
            int eq = token.IndexOf('=');
            if (eq > 0 && keys.TryGetValue(token[..eq], out var key)) result.AddRange(key.Tokens(token[(eq + 1)..]));
            else result.Add(token);
        }
        return result;
    }

    /// <summary>The keys a command accepts, for suggestions.</summary>
    public static IEnumerable<string> Keys(CliCommand command) =>
        command.DeclaredOptions.Select(o => o.Ultralytics?.Key).OfType<string>()
            .Concat(command.DeclaredOptions.Select(o => o.Option.Name.TrimStart('-').Replace('-', '_')));

    private static bool TakesValue(CliCommand command, string token)
    {
        var option = command.Options.FirstOrDefault(o => o.Name == token || o.Aliases.Contains(token));
        return option is not null && option.Arity.MinimumNumberOfValues > 0;
    }
}
