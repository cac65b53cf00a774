using System.Text;

namespace YoloGen.Generator.Tests.Infrastructure;

/// <summary>A compact line diff (longest common subsequence) for snapshot failures: changed lines with their numbers.</summary>
internal static class LineDiff
{
    private const int MaxLines = 60;

    public static string Describe(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);

        var sb = new StringBuilder();
        var written = 0;
        int x = 0, y = 0;
        while ((x < a.Length || y < b.Length) && written < MaxLines)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                sb.AppendLine($"+ {y + 1,4}: {b[y]}");
                y++;
                written++;
            }
            else
            {
                sb.AppendLine($"- {x + 1,4}: {a[x]}");
                x++;
                written++;
            }
        }
        if (written == MaxLines) sb.AppendLine("… (more differences)");
        return sb.ToString();
    }
}
