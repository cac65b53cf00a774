using System.Text;

namespace YoloGen.Testing;

/// <summary>
/// The snapshot workflow over one folder: each source must equal <c>&lt;Name&gt;.verified.cs</c> there. A source that
/// differs or has no verified file is written to <c>&lt;Name&gt;.received.cs</c> and fails the check with a unified
/// diff; with <paramref name="complete"/>, a verified file whose source is no longer generated fails it too (stale).
/// Accepting (<see cref="AcceptVariable"/>=1) makes the folder equal the sources instead: verified files written,
/// received and stale files deleted. Text compares with line endings normalized to LF, which is also how it is written
/// (UTF-8 without BOM), so a checkout with CRLF endings still matches.
/// </summary>
public static class SnapshotFolder
{
    /// <summary>Environment variable that accepts every received file: <c>YOLOGEN_ACCEPT_SNAPSHOTS=1 dotnet test</c>.</summary>
    public const string AcceptVariable = "YOLOGEN_ACCEPT_SNAPSHOTS";

    public const string VerifiedSuffix = ".verified.cs";
    public const string ReceivedSuffix = ".received.cs";

    /// <summary>Whether <see cref="AcceptVariable"/> is set to 1 or true in this process.</summary>
    public static bool AcceptRequested =>
        Environment.GetEnvironmentVariable(AcceptVariable) is { } value && (value.Trim() == "1" || value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Checks <paramref name="sources"/> against the snapshots in <paramref name="directory"/> and throws a
    /// <see cref="SnapshotMismatchException"/> that lists every problem; <paramref name="accept"/> (default: the
    /// environment variable) rewrites the snapshots instead.
    /// </summary>
    public static void Verify(string directory, IEnumerable<GeneratedSource> sources, bool complete = true, bool? accept = null)
    {
        var list = sources.ToList();
        var repeated = list.GroupBy(s => s.Name).Where(g => g.Count() > 1 && g.Select(s => Normalize(s.Text)).Distinct().Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
            throw new ArgumentException("Two different texts for the same snapshot: " + string.Join(", ", repeated), nameof(sources));
        list = list.DistinctBy(s => s.Name).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        var report = Check(Path.GetFullPath(directory), list, complete, accept ?? AcceptRequested);
        if (report is not null) throw new SnapshotMismatchException(report);
    }

    /// <summary>Brings the folder up to date (received files, or verified files when accepting) and returns the failure text, or null.</summary>
    private static string? Check(string directory, IReadOnlyList<GeneratedSource> sources, bool complete, bool accept)
    {
        Directory.CreateDirectory(directory);
        var changed = new List<(string Name, string Diff)>();
        var added = new List<string>();
        foreach (var source in sources)
        {
            var verifiedPath = Path.Combine(directory, source.Name + VerifiedSuffix);
            var receivedPath = Path.Combine(directory, source.Name + ReceivedSuffix);
            var actual = Normalize(source.Text);
            var expected = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath)) : null;
            if (expected == actual)
            {
                File.Delete(receivedPath);
                continue;
            }
            if (accept)
            {
                WriteAtomically(verifiedPath, actual);
                File.Delete(receivedPath);
                continue;
            }
            WriteAtomically(receivedPath, actual);
            if (expected is null) added.Add(source.Name);
            else changed.Add((source.Name, UnifiedDiff.Create(expected, actual, source.Name + VerifiedSuffix, source.Name + ReceivedSuffix)));
        }

        var stale = new List<string>();
        if (complete)
        {
            var names = sources.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var path in Directory.GetFiles(directory, "*" + ReceivedSuffix))
                if (!names.Contains(Path.GetFileName(path)[..^ReceivedSuffix.Length])) File.Delete(path);
            foreach (var path in Directory.GetFiles(directory, "*" + VerifiedSuffix).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(path)[..^VerifiedSuffix.Length];
                if (names.Contains(name)) continue;
                if (accept) File.Delete(path);
                else stale.Add(name);
            }
        }

        if (changed.Count + added.Count + stale.Count == 0) return null;
        var text = new StringBuilder();
        text.Append($"Snapshots in {directory}: {Count(changed.Count, "changed")}, {Count(added.Count, "new")}, {Count(stale.Count, "stale")} ")
            .Append($"({sources.Count - changed.Count - added.Count} of {sources.Count} match).\n");
        foreach (var (name, diff) in changed)
            text.Append($"\n{name} changed: the new text is in {Path.Combine(directory, name + ReceivedSuffix)}\n").Append(diff);
        foreach (var name in added)
            text.Append($"\n{name} is new: no {name}{VerifiedSuffix} yet; its text is in {Path.Combine(directory, name + ReceivedSuffix)}\n");
        foreach (var name in stale)
            text.Append($"\n{name} is no longer generated: {Path.Combine(directory, name + VerifiedSuffix)} is stale (accepting deletes it)\n");
        text.Append($"\nIf the new output is right, accept every received file and review the change like code:\n")
            .Append($"  {AcceptVariable}=1 dotnet test\n")
            .Append("  git diff -- '*").Append(VerifiedSuffix).Append("'\n");
        return text.ToString();
    }

    private static string Count(int count, string what) => $"{count} {what}";

    private static string Normalize(string text) => text.Replace("\r\n", "\n");

    /// <summary>Temp file + rename, so a crash never leaves a half-written snapshot.</summary>
    private static void WriteAtomically(string path, string text)
    {
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N"); // unique: two tests may write the same snapshot at once
        File.WriteAllText(temp, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temp, path, overwrite: true);
    }
}
