namespace YoloGen.Data;

/// <summary>
/// A problem with a dataset (YAML, split, label or image) that stops loading. The message names the file and,
/// when known, the line and the YAML field, so the CLI can print it as is instead of a stack trace.
/// </summary>
public sealed class DatasetException : Exception
{
    public DatasetException(string file, int? line, string? field, string problem, Exception? inner = null)
        : base(Format(file, line, field, problem), inner)
    {
        File = file;
        Line = line;
        Field = field;
        Problem = problem;
    }

    public string File { get; }

    /// <summary>1-based line in <see cref="File"/>, when known.</summary>
    public int? Line { get; }

    /// <summary>The YAML field concerned (<c>train</c>, <c>names</c>, ...), when there is one.</summary>
    public string? Field { get; }

    /// <summary>The message without the location prefix.</summary>
    public string Problem { get; }

    private static string Format(string file, int? line, string? field, string problem)
    {
        var where = line is { } l ? $"{file}:{l}" : file;
        return field is null ? $"{where}: {problem}" : $"{where}: field '{field}': {problem}";
    }
}
