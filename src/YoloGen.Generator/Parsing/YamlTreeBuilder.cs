using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.CodeAnalysis.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YoloGen.Generator.Diagnostics;
using YoloGen.Generator.Model;

namespace YoloGen.Generator.Parsing;

/// <summary>
/// Reads YAML text with YamlDotNet's event parser and builds the positioned <see cref="YamlValue"/> tree.
/// Built from events with an explicit stack rather than YamlDotNet's recursive representation model, so that
/// pathological nesting becomes a diagnostic instead of a stack overflow (which would take down the compiler);
/// aliases share the anchored node, and a size limit stops alias bombs before anything walks the tree.
/// </summary>
internal static class YamlTreeBuilder
{
    private const int MaxDepth = 64;
    private const int MaxExpandedNodes = 200_000;

    public static YamlValue? Build(string filePath, SourceText text, List<DiagnosticInfo> diagnostics)
    {
        var lines = new LineMap(text);
        var scanner = new Scanner(new StringReader(text.ToString()));
        var parser = new Parser(scanner);
        var stack = new Stack<Frame>();
        var anchors = new Dictionary<string, (YamlValue Value, int Size)>();
        YamlValue? root = null;
        var expanded = 0;
        var documents = 0;
        try
        {
            while (parser.MoveNext())
            {
                var e = parser.Current!;
                switch (e)
                {
                    case DocumentStart start when !start.IsImplicit || documents > 0:
                        if (++documents > 1)
                        {
                            diagnostics.Add(DiagnosticInfo.Create(
                                DiagnosticDescriptors.YamlSyntaxError, filePath, lines.Span(e.Start, e.End),
                                "a model file holds one YAML document; remove the '---' and what follows it"));
                            return root;
                        }
                        break;
                    case DocumentStart:
                        documents++;
                        break;
                    case SequenceStart s:
                        if (stack.Count >= MaxDepth) return TooDeep(filePath, lines, e, diagnostics);
                        stack.Push(new Frame(isMap: false, s.Start, s.Anchor.IsEmpty ? null : s.Anchor.Value));
                        break;
                    case MappingStart m:
                        if (stack.Count >= MaxDepth) return TooDeep(filePath, lines, e, diagnostics);
                        stack.Push(new Frame(isMap: true, m.Start, m.Anchor.IsEmpty ? null : m.Anchor.Value));
                        break;
                    case SequenceEnd or MappingEnd:
                    {
                        var frame = stack.Pop();
                        var span = lines.Span(frame.Start, e.End);
                        YamlValue value = frame.IsMap ? BuildMap(frame.Items, span) : new YamlList(frame.Items.ToImmutableEquatableArray(), span);
                        Add(value, frame.Size + 1, frame.Anchor);
                        break;
                    }
                    case Scalar s:
                    {
                        var quoted = s.Style != ScalarStyle.Plain || (!s.Tag.IsEmpty && s.Tag.Value == "tag:yaml.org,2002:str");
                        Add(new YamlScalar(s.Value, quoted, lines.Span(s.Start, s.End)), 1, s.Anchor.IsEmpty ? null : s.Anchor.Value);
                        break;
                    }
                    case AnchorAlias alias:
                        if (!anchors.TryGetValue(alias.Value.Value, out var target))
                        {
                            diagnostics.Add(DiagnosticInfo.Create(
                                DiagnosticDescriptors.YamlSyntaxError, filePath, lines.Span(e.Start, e.End),
                                $"the alias '*{alias.Value.Value}' refers to no complete anchored node above it"));
                            return null;
                        }
                        Add(target.Value, target.Size, anchor: null);
                        break;
                }

                if (expanded > MaxExpandedNodes)
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.YamlSyntaxError, filePath, lines.Span(e.Start, e.End),
                        $"the file expands to more than {MaxExpandedNodes} nodes (aliases included); a model file is far smaller"));
                    return null;
                }
            }
            return root;
        }
        catch (YamlException ex)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.YamlSyntaxError, filePath, lines.Span(ex.Start, ex.End), Describe(ex.Message, text, ex.Start)));
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner throws these (without a position) on some unterminated flow collections.
            var at = scanner.CurrentPosition;
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.YamlSyntaxError, filePath, lines.Span(at, at), Describe("unexpected text", text, at)));
            return null;
        }

        void Add(YamlValue value, int size, string? anchor)
        {
            expanded += size;
            if (anchor is not null) anchors[anchor] = (value, size);
            if (stack.Count == 0) root = value;
            else
            {
                var parent = stack.Peek();
                parent.Items.Add(value);
                parent.Size += size;
            }
        }
    }

    private static YamlMap BuildMap(List<YamlValue> items, SourceSpan span)
    {
        var entries = new List<YamlMapEntry>(items.Count / 2);
        for (var i = 0; i + 1 < items.Count; i += 2) entries.Add(new YamlMapEntry(items[i], items[i + 1]));
        return new YamlMap(entries.ToImmutableEquatableArray(), span);
    }

    private static YamlValue? TooDeep(string filePath, LineMap lines, ParsingEvent e, List<DiagnosticInfo> diagnostics)
    {
        diagnostics.Add(DiagnosticInfo.Create(
            DiagnosticDescriptors.YamlSyntaxError, filePath, lines.Span(e.Start, e.End),
            $"lists and mappings are nested more than {MaxDepth} levels deep"));
        return null;
    }

    /// <summary>YamlDotNet's message without its "(Line: …) - (Line: …): " prefix, plus the innermost bracket still open there.</summary>
    private static string Describe(string message, SourceText text, Mark at)
    {
        var result = message;
        var prefixEnd = result.IndexOf("): ", StringComparison.Ordinal);
        if (result.StartsWith("(Line:", StringComparison.Ordinal) && prefixEnd > 0) result = result.Substring(prefixEnd + 3);
        result = result.Trim().TrimEnd('.');
        var open = UnclosedBracket(text, (int)Math.Min(at.Index, text.Length));
        if (open is { } position)
        {
            var line = text.Lines.GetLinePosition(position);
            result += $" (the '{text[position]}' opened at line {line.Line + 1}, column {line.Character + 1} is not closed before this point)";
        }
        return result;
    }

    /// <summary>
    /// The innermost '[' or '{' left open before <paramref name="end"/>, skipping quoted text and comments: where a
    /// missing closing bracket most likely belongs (YamlDotNet reports only where the parse finally failed).
    /// </summary>
    private static int? UnclosedBracket(SourceText text, int end)
    {
        var open = new Stack<int>();
        var quote = '\0';
        for (var i = 0; i < end; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else if (c == '\n') quote = '\0';
                continue;
            }
            switch (c)
            {
                case '#' when i == 0 || char.IsWhiteSpace(text[i - 1]):
                    while (i < end && text[i] != '\n') i++;
                    break;
                case '"' or '\'' when open.Count > 0:
                    quote = c;
                    break;
                case '[' or '{':
                    open.Push(i);
                    break;
                case ']' or '}' when open.Count > 0:
                    open.Pop();
                    break;
            }
        }
        return open.Count > 0 ? open.Peek() : null;
    }

    private sealed class Frame(bool isMap, Mark start, string? anchor)
    {
        public bool IsMap { get; } = isMap;
        public Mark Start { get; } = start;
        public string? Anchor { get; } = anchor;
        public List<YamlValue> Items { get; } = new();
        public int Size { get; set; }
    }
}
