namespace YoloGen.Training;

/// <summary><c>results.csv</c>: a header and one line per finished epoch, rewritten atomically each epoch.</summary>
public static class ResultsFile
{
    public static void Write(string path, IReadOnlyList<EpochResult> rows)
    {
        var lines = new List<string> { string.Join(',', EpochResult.Columns) };
        lines.AddRange(rows.Select(r => r.ToCsvLine()));
        RunDirectory.WriteAllTextAtomic(path, string.Join('\n', lines) + "\n");
    }

    public static List<EpochResult> Read(string path)
    {
        if (!File.Exists(path)) return new List<EpochResult>();
        return File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(EpochResult.Parse).ToList();
    }
}
