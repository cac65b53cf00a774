using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace YoloGen.Generator.Tests.Fuzzing;

/// <summary>
/// Seeded mutations of a real model file, in three families:
/// <list type="bullet">
/// <item><see cref="Damage"/>: blind damage (token deletion, duplication and swap, random numbers, truncation,
/// indentation damage, random characters), one to three at a time; the result may or may not be valid.</item>
/// <item><see cref="Break"/>: edits that are invalid by construction, wherever they land, under the rules
/// docs/diagnostics.md states (a 'from' beyond every layer, a module name no catalogue has, …).</item>
/// <item><see cref="Preserve"/>: edits that keep a valid file valid and its classes the same (comments, blank
/// lines, spacing in flow lists, key order, quoting, other positive numbers for nc and the scales, CRLF).</item>
/// </list>
/// </summary>
internal sealed partial class YamlMutator(Random random)
{
    /// <summary>A layer line as every model file writes it: <c>  - [from, n, Module, [args]] # comment</c>.</summary>
    [GeneratedRegex(@"^(?<lead>\s*-\s*\[)(?<from>\[[^\[\]]*\]|-?\d+)(?<s1>\s*,\s*)(?<n>-?\d+)(?<s2>\s*,\s*)(?<module>[A-Za-z_][\w.]*)(?<s3>\s*,\s*)(?<args>\[[^\[\]]*\])(?<close>\])(?<rest>.*)$")]
    private static partial Regex LayerLine();

    [GeneratedRegex(@"\s+|[A-Za-z_][\w.\-]*|-?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|""[^""\n]*""|.", RegexOptions.Singleline)]
    private static partial Regex Token();

    [GeneratedRegex(@"-?\d+(?:\.\d+)?")]
    private static partial Regex Number();

    [GeneratedRegex(@"^  (?<letter>[nsmlx]): \[[^\]]*\]", RegexOptions.Multiline)]
    private static partial Regex ScaleLine();

    private static readonly string[] s_numbers =
        ["0", "-1", "-5", "1", "2", "3", "4", "5", "7", "8", "64", "100", "1e9", "0.5", "-0.25", "2147483648", "99999999999999999999", ".nan", ".inf", "1_0", "0x10", "010"];

    private static readonly string[] s_unicode = ["é", "🚀", "中", "\u00A0", "\u2028", "\uFEFF", "\uD800", "\u0085"];

    public (string Text, string Operation) Damage(string text)
    {
        var operations = new List<string>();
        var count = 1 + random.Next(3);
        for (var i = 0; i < count; i++)
        {
            (text, var name) = random.Next(8) switch
            {
                0 => (DeleteToken(text), "delete token"),
                1 => (DuplicateToken(text), "duplicate token"),
                2 => (SwapTokens(text), "swap tokens"),
                3 => (RandomNumber(text), "random number"),
                4 => (text.Substring(0, random.Next(text.Length + 1)), "truncate"),
                5 => (Indentation(text), "indentation"),
                6 => (RandomCharacters(text), "random characters"),
                _ => (DeleteToken(text), "delete token"),
            };
            operations.Add(name);
        }
        return (text, string.Join(" + ", operations));
    }

    /// <summary>An edit that makes a valid Detect file invalid, or null when the file has nothing it applies to.</summary>
    public (string Text, string Operation)? Break(string text)
    {
        var layers = LayerLines(text);
        string? result;
        var kind = random.Next(15);
        switch (kind)
        {
            case 0: // 'from' beyond any layer: always forward (YG0008)
                result = EditLayer(text, layers, null, m => ReplaceFirstNumber(m.Groups["from"].Value, Int(10_000 + random.Next(90_000))), "from");
                return Named(result, "from beyond every layer");
            case 1: // no module starts with Zz (YG0006)
                result = EditLayer(text, layers, null, _ => "Zz" + Letters(3 + random.Next(6)), "module");
                return Named(result, "unknown module");
            case 2: // repeats below 1 (YG0009)
                result = EditLayer(text, layers, null, _ => Int(-random.Next(5)), "n");
                return Named(result, "repeats below 1");
            case 3: // eight more arguments than any constructor takes (YG0010)
                result = EditLayer(text, layers, null, m => m.Groups["args"].Value.TrimEnd(']') + (m.Groups["args"].Value == "[]" ? "1" : ", 1") + string.Concat(Enumerable.Repeat(", 1", 8)) + "]", "args");
                return Named(result, "too many arguments");
            case 4: // nc not a positive integer (YG0003)
                return Named(ReplaceRegex(text, @"^nc:[^\n#]*", "nc: " + Pick(["0", "-3", "abc", "1.5", "[1]", "", "\"80\""]) + " "), "invalid nc");
            case 5: // a section renamed away (YG0002)
                return Named(ReplaceRegex(text, "^" + Pick(["backbone", "head"]) + ":", "renamed:"), "missing section");
            case 6: // the Detect line deleted: the last layer is no head (YG0017)
                return Named(layers.Count == 0 ? null : RemoveLine(text, layers[^1].Line), "Detect line deleted");
            case 7: // a layer's closing bracket removed (YG0001)
                result = EditLayer(text, layers, null, _ => "", "close");
                return Named(result, "closing bracket removed");
            case 8: // Upsample by 0 or a negative factor (YG0016)
                result = EditLayer(text, layers, "nn.Upsample", m => ReplaceNth(m.Groups["args"].Value, 1, Pick(["0", "-2", "0.0"])), "args");
                return Named(result, "Upsample factor not positive");
            case 9: // Conv stride 0 (YG0016)
                result = EditLayer(text, layers.Where(l => Arguments(l.Match).Length >= 3).ToList(), "Conv", m => ReplaceNth(m.Groups["args"].Value, 2, "0"), "args");
                return Named(result, "Conv stride 0");
            case 10: // a scale with two numbers (YG0003)
            {
                var scale = ScaleLine().Matches(text).Cast<Match>().ToList();
                if (scale.Count == 0) return null;
                var m = scale[random.Next(scale.Count)];
                return Named(text.Substring(0, m.Index) + $"  {m.Groups["letter"].Value}: [0.5, 0.25]" + text.Substring(m.Index + m.Length), "scale with two numbers");
            }
            case 11: // Concat given a single input (YG0013)
                result = EditLayer(text, layers, "Concat", _ => "-1", "from");
                return Named(result, "Concat with one input");
            case 12: // the scales' lost indentation, as in the seeds (YG0004)
            {
                if (ScaleLine().Matches(text).Count == 0) return null;
                return Named(ScaleLine().Replace(text, m => m.Value.TrimStart()), "scales dedented");
            }
            case 13: // P1/2 (layer 0, stride 2 in every model here) joined with a head feature map (YG0012)
                result = EditLayer(text, layers.Where(l => l.Match.Groups["from"].Value.StartsWith("[-1,", StringComparison.Ordinal)).ToList(), "Concat", _ => "[-1, 0]", "from");
                return Named(result, "Concat of P1/2 with a head map");
            default: // Detect's inputs reversed: decreasing strides (YG0020)
                result = EditLayer(text, layers, "Detect", m => "[" + string.Join(", ", m.Groups["from"].Value.Trim('[', ']').Split(',').Select(s => s.Trim()).Reverse()) + "]", "from");
                return Named(result, "Detect inputs reversed");
        }
    }

    /// <summary>An edit that keeps a valid file valid with the same classes, or null when it does not apply.</summary>
    public (string Text, string Operation)? Preserve(string text)
    {
        var lines = text.Split('\n').ToList();
        switch (random.Next(9))
        {
            case 0:
            {
                var at = random.Next(lines.Count);
                lines[at] = lines[at].TrimEnd('\r') + " # " + CommentText();
                return (string.Join("\n", lines), "comment appended");
            }
            case 1:
                lines.Insert(random.Next(lines.Count + 1), new string(' ', random.Next(4)));
                return (string.Join("\n", lines), "blank line");
            case 2:
            {
                var layers = LayerLines(text);
                if (layers.Count == 0) return null;
                var layer = layers[random.Next(layers.Count)];
                var spaced = Regex.Replace(layer.Match.Value.Split('#')[0], @",\s*", _ => "," + new string(' ', random.Next(4)));
                lines[layer.Line] = spaced + (layer.Match.Value.Contains('#') ? "#" + layer.Match.Value.Split('#', 2)[1] : "");
                return (string.Join("\n", lines), "spacing in a flow list");
            }
            case 3:
            {
                var at = lines.FindIndex(l => l.StartsWith("nc:", StringComparison.Ordinal));
                if (at < 0) return null;
                var nc = lines[at];
                lines.RemoveAt(at);
                lines.Add(nc);
                return (string.Join("\n", lines), "nc moved to the end");
            }
            case 4:
                return (ReplaceRegex(text, @"^nc:\s*\d+", "nc: " + Int(1 + random.Next(1000))), "another nc");
            case 5:
                return text.Contains("\"nearest\"", StringComparison.Ordinal) ? (text.Replace("\"nearest\"", "'nearest'"), "quote style") : null;
            case 6:
            {
                var scale = ScaleLine().Matches(text).Cast<Match>().ToList();
                if (scale.Count == 0) return null;
                var m = scale[random.Next(scale.Count)];
                var values = $"  {m.Groups["letter"].Value}: [{Pick(["0.33", "0.50", "0.67", "1.0", "1.33"])}, {Pick(["0.25", "0.5", "0.75", "1.0", "1.25", "2.0"])}, {Pick(["512", "768", "1024", "2048"])}]";
                return (text.Substring(0, m.Index) + values + text.Substring(m.Index + m.Length), "other scale numbers");
            }
            case 7:
                return (text.Replace("\r\n", "\n").Replace("\n", "\r\n"), "CRLF line ends");
            default:
                return (string.Join("\n", lines.Select(l => l.TrimEnd('\r') + new string(' ', random.Next(3)))), "trailing spaces");
        }
    }

    private sealed record Layer(int Line, Match Match);

    private static List<Layer> LayerLines(string text)
    {
        var lines = text.Split('\n');
        var result = new List<Layer>();
        for (var i = 0; i < lines.Length; i++)
        {
            var m = LayerLine().Match(lines[i].TrimEnd('\r'));
            if (m.Success) result.Add(new Layer(i, m));
        }
        return result;
    }

    /// <summary>Replaces one group of a random layer line (of <paramref name="module"/>, when given).</summary>
    private string? EditLayer(string text, List<Layer> layers, string? module, Func<Match, string> replacement, string group)
    {
        var candidates = module is null ? layers : layers.Where(l => l.Match.Groups["module"].Value == module).ToList();
        if (candidates.Count == 0) return null;
        var layer = candidates[random.Next(candidates.Count)];
        var g = layer.Match.Groups[group];
        var line = layer.Match.Value;
        var edited = line.Substring(0, g.Index) + replacement(layer.Match) + line.Substring(g.Index + g.Length);
        var lines = text.Split('\n');
        lines[layer.Line] = edited + (lines[layer.Line].EndsWith('\r') ? "\r" : "");
        return string.Join("\n", lines);
    }

    private static string[] Arguments(Match layer) => layer.Groups["args"].Value.Trim('[', ']').Split(',');

    private static string ReplaceNth(string list, int n, string value)
    {
        var items = list.Trim('[', ']').Split(',').Select(s => s.Trim()).ToList();
        if (n >= items.Count) return list;
        items[n] = value;
        return "[" + string.Join(", ", items) + "]";
    }

    private static string ReplaceFirstNumber(string from, string value) => Number().Replace(from, value, 1);

    private static string RemoveLine(string text, int line)
    {
        var lines = text.Split('\n').ToList();
        lines.RemoveAt(line);
        return string.Join("\n", lines);
    }

    private static string ReplaceRegex(string text, string pattern, string replacement) =>
        Regex.Replace(text, pattern, replacement.Replace("$", "$$"), RegexOptions.Multiline);

    private static (string Text, string Operation)? Named(string? text, string name) => text is null ? null : (text, name);

    private List<Match> Tokens(string text) => Token().Matches(text).Cast<Match>().ToList();

    private string DeleteToken(string text)
    {
        var tokens = Tokens(text);
        if (tokens.Count == 0) return text;
        var t = tokens[random.Next(tokens.Count)];
        return text.Remove(t.Index, t.Length);
    }

    private string DuplicateToken(string text)
    {
        var tokens = Tokens(text);
        if (tokens.Count == 0) return text;
        var t = tokens[random.Next(tokens.Count)];
        return text.Insert(t.Index, t.Value);
    }

    private string SwapTokens(string text)
    {
        var tokens = Tokens(text).Where(t => !string.IsNullOrWhiteSpace(t.Value)).ToList();
        if (tokens.Count < 2) return text;
        var a = tokens[random.Next(tokens.Count)];
        var b = tokens[random.Next(tokens.Count)];
        if (a.Index > b.Index) (a, b) = (b, a);
        if (a.Index == b.Index) return text;
        return text.Substring(0, a.Index) + b.Value + text.Substring(a.Index + a.Length, b.Index - a.Index - a.Length) + a.Value + text.Substring(b.Index + b.Length);
    }

    private string RandomNumber(string text)
    {
        var numbers = Number().Matches(text).Cast<Match>().ToList();
        if (numbers.Count == 0) return text;
        var n = numbers[random.Next(numbers.Count)];
        var value = random.Next(3) == 0 ? Int(random.Next(-100, 5000)) : Pick(s_numbers);
        return text.Substring(0, n.Index) + value + text.Substring(n.Index + n.Length);
    }

    private string Indentation(string text)
    {
        var lines = text.Split('\n');
        var at = random.Next(lines.Length);
        lines[at] = random.Next(3) switch
        {
            0 => lines[at].TrimStart(' '),
            1 => new string(' ', 1 + random.Next(4)) + lines[at],
            _ => "\t" + lines[at],
        };
        return string.Join("\n", lines);
    }

    private string RandomCharacters(string text)
    {
        var sb = new StringBuilder();
        var count = 1 + random.Next(8);
        for (var i = 0; i < count; i++)
            sb.Append(random.Next(4) == 0 ? Pick(s_unicode) : ((char)random.Next(128)).ToString());
        var at = random.Next(text.Length + 1);
        var replace = random.Next(2) == 0 ? Math.Min(sb.Length, text.Length - at) : 0;
        return text.Substring(0, at) + sb + text.Substring(at + replace);
    }

    /// <summary>Printable text for a comment (no line breaks: YAML ends a comment there).</summary>
    private string CommentText()
    {
        const string printable = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCXYZ[\\]^_`abcxyz{|}~";
        var sb = new StringBuilder();
        for (var i = 0; i < 1 + random.Next(20); i++)
            sb.Append(random.Next(6) == 0 ? Pick(["é", "🚀", "中"]) : printable[random.Next(printable.Length)].ToString());
        return sb.ToString();
    }

    private string Letters(int count) => new(Enumerable.Range(0, count).Select(_ => (char)('a' + random.Next(26))).ToArray());

    private string Pick(string[] items) => items[random.Next(items.Length)];

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
