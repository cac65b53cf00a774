using System.CommandLine;
using System.CommandLine.Parsing;

namespace YoloGen.Cli.Parsing;

/// <summary>The one line a usage error prints: the first thing wrong, in the command's words, with a suggestion.</summary>
internal static class ParseErrors
{
    /// <summary>The error of a parse, or null when there is none.</summary>
    public static string? OneLine(ParseResult result, RootCommand root)
    {
        var commandResult = result.CommandResult;
        if (commandResult.Command is not CliCommand command) return RootError(result, root);
        string c = command.Name;

        foreach (var option in commandResult.Children.OfType<OptionResult>())
            if (option.IdentifierTokenCount > 1) return $"{c}: option {option.Option.Name} given twice";

        var names = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var option in commandResult.Children.OfType<OptionResult>())
            if (option.Tokens.Count > 0 && names.Contains(option.Tokens[0].Value)) return $"{c}: {option.Option.Name} needs a value";

        if (result.UnmatchedTokens.Count > 0)
        {
            string token = result.UnmatchedTokens[0];
            if (token.StartsWith('-'))
            {
                string name = token.Split('=', ':')[0];
                return $"{c}: unknown option {name}{Suggestions.DidYouMean(name, names.Where(n => n.StartsWith("--", StringComparison.Ordinal)))} (yologen {c} --help lists the options)";
            }
            int eq = token.IndexOf('=');
            if (eq > 0)
            {
                string key = token[..eq];
                var keys = UltralyticsArguments.Keys(command).Select(k => k + "=");
                return $"{c}: unknown argument {token}{Suggestions.DidYouMean(key + "=", keys)} (yologen {c} --help lists the options)";
            }
            int index = result.Tokens.ToList().FindIndex(t => t.Value == token && t.Type == TokenType.Argument);
            string previous = index > 0 ? result.Tokens[index - 1].Value : "";
            if (command.Options.FirstOrDefault(o => o.Name == previous || o.Aliases.Contains(previous)) is { } flag && flag.ValueType == typeof(bool))
                return $"{c}: {flag.Name} takes no value (or true/false), got '{token}'";
            return $"{c}: unexpected argument '{token}'";
        }

        foreach (var option in command.Options.Where(o => o.Required))
            if (result.GetResult(option) is not { Implicit: false }) return $"{c}: {option.Name} is required";

        foreach (var option in commandResult.Children.OfType<OptionResult>())
            if (!option.Implicit && option.Tokens.Count == 0 && option.Option.Arity.MinimumNumberOfValues > 0)
                return $"{c}: {option.Option.Name} needs a value";

        return result.Errors.Count == 0 ? null : $"{c}: {result.Errors[0].Message}";
    }

    private static string? RootError(ParseResult result, RootCommand root)
    {
        if (result.Errors.Count == 0) return null;
        var commands = root.Subcommands.Where(s => !s.Hidden).Select(s => s.Name).ToList();
        string? token = result.UnmatchedTokens.FirstOrDefault();
        if (token is null) return $"yologen: which command? {string.Join(", ", commands)} (yologen --help)";
        if (token.StartsWith('-')) return $"yologen: unknown option {token} (yologen --help)";
        return $"yologen: unknown command '{token}'{Suggestions.DidYouMean(token, commands)} Commands: {string.Join(", ", commands)}";
    }
}
