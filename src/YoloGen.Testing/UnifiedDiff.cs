using System.Text;

namespace YoloGen.Testing;

/// <summary>
/// A unified diff of two texts (the format of <c>diff -u</c> and <c>git diff</c>): hunks of changed lines with three
/// lines of context, from a longest common subsequence of the lines. Only the lines between the common prefix and
/// suffix enter the quadratic table, so a one-line edit of a long file costs almost nothing.
/// </summary>
public static class UnifiedDiff
{
    private const int Context = 3;

    /// <summary>The diff of <paramref name="before"/> → <paramref name="after"/>, or "" when they are equal; at most <paramref name="maxLines"/> hunk lines.</summary>
    public static string Create(string before, string after, string beforeName, string afterName, int maxLines = 200)
    {
        var a = SplitLines(before);
        var b = SplitLines(after);
        var edits = Edits(a, b);
        if (edits.All(e => e.Kind == ' ')) return "";

        var text = new StringBuilder();
        text.Append("--- ").Append(beforeName).Append('\n');
        text.Append("+++ ").Append(afterName).Append('\n');
        var written = 0;
        foreach (var (start, end) in Hunks(edits))
        {
            int oldStart = edits[start].OldLine, newStart = edits[start].NewLine;
            var oldCount = 0;
            var newCount = 0;
            for (var i = start; i < end; i++)
            {
                if (edits[i].Kind != '+') oldCount++;
                if (edits[i].Kind != '-') newCount++;
            }
            text.Append($"@@ -{Range(oldStart, oldCount)} +{Range(newStart, newCount)} @@\n");
            for (var i = start; i < end; i++)
            {
                if (written == maxLines)
                {
                    text.Append("… (the diff goes on; compare the files)\n");
                    return text.ToString();
                }
                text.Append(edits[i].Kind).Append(edits[i].Text).Append('\n');
                written++;
            }
        }
        return text.ToString();
    }

    /// <summary>Lines without their terminators; a final newline does not make an empty last line.</summary>
    private static string[] SplitLines(string text)
    {
        if (text.Length == 0) return [];
        var lines = text.Replace("\r\n", "\n").Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }

    private readonly record struct Edit(char Kind, string Text, int OldLine, int NewLine);

    /// <summary>The edit script: ' ' kept, '-' removed, '+' added; line numbers are 1-based positions in each text.</summary>
    private static List<Edit> Edits(string[] a, string[] b)
    {
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix]) prefix++;
        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)]) suffix++;

        int n = a.Length - prefix - suffix, m = b.Length - prefix - suffix;
        // Past ~16 M cells (two 4,000-line rewrites) the table is not worth its memory: the middle is replaced whole.
        var replaceWhole = (long)n * m > 16_000_000;
        var lcs = replaceWhole ? new int[1, 1] : new int[n + 1, m + 1];
        for (var i = replaceWhole ? -1 : n - 1; i >= 0; i--)
            for (var j = m - 1; j >= 0; j--)
                lcs[i, j] = a[prefix + i] == b[prefix + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);

        var edits = new List<Edit>(a.Length + b.Length);
        for (var k = 0; k < prefix; k++) edits.Add(new Edit(' ', a[k], k + 1, k + 1));
        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (!replaceWhole && x < n && y < m && a[prefix + x] == b[prefix + y])
            {
                edits.Add(new Edit(' ', a[prefix + x], prefix + x + 1, prefix + y + 1));
                x++;
                y++;
            }
            else if (x < n && (y == m || replaceWhole || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                edits.Add(new Edit('-', a[prefix + x], prefix + x + 1, prefix + y + 1));
                x++;
            }
            else
            {
                edits.Add(new Edit('+', b[prefix + y], prefix + x + 1, prefix + y + 1));
                y++;
            }
        }
        for (var k = 0; k < suffix; k++)
            edits.Add(new Edit(' ', a[a.Length - suffix + k], a.Length - suffix + k + 1, b.Length - suffix + k + 1));
        return edits;
    }

    /// <summary>[start, end) ranges of the edit script: each change with its context, ranges that touch merged.</summary>
    private static IEnumerable<(int Start, int End)> Hunks(List<Edit> edits)
    {
        var i = 0;
        while (i < edits.Count)
        {
            while (i < edits.Count && edits[i].Kind == ' ') i++;
            if (i == edits.Count) yield break;
            var start = Math.Max(0, i - Context);
            var end = i;
            while (true)
            {
                while (end < edits.Count && edits[end].Kind != ' ') end++;
                var next = end;
                while (next < edits.Count && edits[next].Kind == ' ') next++;
                if (next < edits.Count && next - end <= 2 * Context) end = next;
                else break;
            }
            end = Math.Min(edits.Count, end + Context);
            yield return (start, end);
            i = end;
        }
    }

    /// <summary><c>start,count</c> as diff writes it: a hunk with no line of a side names the line before it.</summary>
    private static string Range(int start, int count) =>
        count == 0 ? $"{start - 1},0" : count == 1 ? $"{start}" : $"{start},{count}";
}
