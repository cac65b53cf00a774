using System;
using Microsoft.CodeAnalysis.Text;
using YamlDotNet.Core;
using YoloGen.Generator.Model;

namespace YoloGen.Generator.Parsing;

/// <summary>
/// Turns YamlDotNet marks into <see cref="SourceSpan"/>s. Lines and columns come from Roslyn's own line table
/// of the file (from the mark's character index), so they agree with what the compiler shows for the file.
/// </summary>
internal sealed class LineMap(SourceText text)
{
    public SourceSpan Span(Mark start, Mark end)
    {
        var from = Clamp(start.Index);
        var to = Math.Max(from, Clamp(end.Index));
        var lines = text.Lines.GetLinePositionSpan(TextSpan.FromBounds(from, to));
        return new SourceSpan(from, to - from, lines.Start.Line, lines.Start.Character, lines.End.Line, lines.End.Character);
    }

    private int Clamp(long index) => (int)Math.Max(0, Math.Min(index, text.Length));
}
