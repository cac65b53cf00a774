namespace YoloGen.Cli.Parsing;

/// <summary>"Did you mean": the candidates closest to a mistyped word by edit distance, or that it abbreviates.</summary>
public static class Suggestions
{
    public static IReadOnlyList<string> Closest(string typed, IEnumerable<string> candidates, int max = 3)
    {
        int limit = Math.Max(2, typed.Length / 3);
        return candidates.Distinct(StringComparer.Ordinal)
            .Select(c => (Candidate: c, Distance: c.StartsWith(typed, StringComparison.OrdinalIgnoreCase) ? 0 : Distance(typed, c)))
            .Where(p => p.Distance <= limit)
            .OrderBy(p => p.Distance).ThenBy(p => p.Candidate, StringComparer.Ordinal)
            .Take(max).Select(p => p.Candidate).ToList();
    }

    /// <summary>"; did you mean a or b?", or empty when nothing is close.</summary>
    public static string DidYouMean(string typed, IEnumerable<string> candidates)
    {
        var close = Closest(typed, candidates);
        return close.Count == 0 ? "" : $"; did you mean {string.Join(" or ", close)}?";
    }

    /// <summary>Levenshtein distance, case-insensitive, with adjacent transpositions counting one.</summary>
    internal static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
