using System.CommandLine;

namespace YoloGen.Cli.Parsing;

/// <summary><c>--help</c>: usage, every option with its value, default and reference spelling, and examples.</summary>
public static class HelpText
{
    private const int Width = 100;

    public static void Write(Command command, TextWriter o)
    {
        if (command is CliCommand c) WriteCommand(c, o);
        else WriteRoot(command, o);
    }

    private static void WriteRoot(Command root, TextWriter o)
    {
        o.WriteLine(ToolVersion.Text);
        o.WriteLine(root.Description);
        o.WriteLine();
        o.WriteLine("Usage:");
        Columns(o, [("yologen <command> [options]", ""), ("yologen <command> --help", "a command's options, their defaults, and examples")]);
        o.WriteLine();
        o.WriteLine("Commands:");
        Columns(o, root.Subcommands.Where(s => !s.Hidden).Select(s => (s.Name, s.Description ?? "")).ToList());
        o.WriteLine();
        o.WriteLine("Options:");
        Columns(o, root.Options.Where(x => !x.Hidden).Select(x => (Label(x), x.Description ?? "")).ToList());
        o.WriteLine();
        o.WriteLine("Ultralytics' key=value arguments work as well: yologen train model=yolo11n.yaml data=coco8.yaml epochs=3 imgsz=640");
        o.WriteLine("Shell completion: yologen completion bash|zsh|pwsh (see README.md). Reference of every command: docs/cli.md");
    }

    private static void WriteCommand(CliCommand c, TextWriter o)
    {
        o.WriteLine($"yologen {c.Name}: {c.Description}");
        o.WriteLine();
        o.WriteLine("Usage:");
        o.WriteLine($"  {Usage(c)}");
        if (c.Arguments.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("Arguments:");
            Columns(o, c.Arguments.Select(a => ($"<{a.Name}>", a.Description ?? "")).ToList());
        }
        o.WriteLine();
        o.WriteLine("Options:");
        var rows = c.DeclaredOptions.Select(x => (Label(x.Option), Describe(x))).ToList();
        rows.AddRange(RecursiveOptions(c).Select(x => (Label(x), x.Description ?? "")));
        Columns(o, rows);
        o.WriteLine();
        o.WriteLine("Examples:");
        foreach (var (line, explanation) in c.Examples)
        {
            o.WriteLine($"  {line}");
            foreach (var wrapped in Wrap(explanation, Width - 6)) o.WriteLine($"      {wrapped}");
        }
    }

    /// <summary><c>yologen predict --weights &lt;file&gt; --source &lt;path&gt; [options]</c>: arguments and required options spelled out.</summary>
    public static string Usage(CliCommand c)
    {
        var parts = new List<string> { "yologen", c.Name };
        foreach (var a in c.Arguments) parts.Add(a.Arity.MinimumNumberOfValues > 0 ? $"<{a.Name}>" : $"[<{a.Name}>]");
        parts.AddRange(c.Options.Where(x => x.Required).Select(Label));
        parts.Add("[options]");
        return string.Join(' ', parts);
    }

    /// <summary><c>--imgsz &lt;pixels&gt;</c>, <c>--resume [&lt;file&gt;]</c>, <c>--json</c>.</summary>
    public static string Label(Option x)
    {
        string names = string.Join(", ", x.Aliases.Order(StringComparer.Ordinal).Append(x.Name));
        if (x.ValueType == typeof(bool) || x.Arity.MaximumNumberOfValues == 0) return names;
        string value = $"<{x.HelpName ?? x.Name.TrimStart('-')}>";
        return x.Arity.MinimumNumberOfValues == 0 ? $"{names} [{value}]" : $"{names} {value}";
    }

    /// <summary>The description, then the default and the reference spelling, as help shows them.</summary>
    public static string Describe(ICliOption x)
    {
        string text = x.Option.Description ?? "";
        if (x.DefaultText is not null) text += $" [default: {x.DefaultText}]";
        if (x.Ultralytics is not null) text += $" [also {x.Ultralytics.Key}=]";
        return text;
    }

    /// <summary>--help and --version, declared on the root and valid on every command.</summary>
    public static IEnumerable<Option> RecursiveOptions(Command c) =>
        c.Parents.OfType<Command>().SelectMany(p => p.Options).Where(x => x.Recursive && !x.Hidden && x is System.CommandLine.Help.HelpOption);

    private static void Columns(TextWriter o, IReadOnlyList<(string First, string Second)> rows)
    {
        int first = Math.Min(rows.Max(r => r.First.Length), 40);
        foreach (var (label, text) in rows)
        {
            var lines = Wrap(text, Width - first - 4).ToList();
            if (label.Length > first)
            {
                o.WriteLine($"  {label}");
                foreach (var l in lines) o.WriteLine($"  {new string(' ', first)}  {l}");
                continue;
            }
            o.WriteLine($"  {label.PadRight(first)}  {(lines.Count > 0 ? lines[0] : "")}".TrimEnd());
            foreach (var l in lines.Skip(1)) o.WriteLine($"  {new string(' ', first)}  {l}");
        }
    }

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new System.Text.StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        if (line.Length > 0) yield return line.ToString();
    }
}
