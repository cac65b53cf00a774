namespace YoloGen.Generator.Model;

/// <summary>
/// Where a YAML node sits in its file, as plain numbers: the character span (<see cref="Start"/>,
/// <see cref="Length"/>) and the 0-based line/column span. Turned into a Roslyn <c>Location</c> only when
/// a diagnostic is reported, so the pipeline models stay free of Roslyn objects.
/// </summary>
internal readonly record struct SourceSpan(int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    /// <summary>An empty span at the start of the file (for problems that concern the file as a whole).</summary>
    public static SourceSpan FileStart => default;

    /// <summary>A zero-length span at this span's start (a caret).</summary>
    public SourceSpan StartCaret => new(Start, 0, StartLine, StartColumn, StartLine, StartColumn);
}
