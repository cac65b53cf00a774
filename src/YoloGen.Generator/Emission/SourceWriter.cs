using System;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace YoloGen.Generator.Emission;

/// <summary>
/// Writes C# line by line with four-space indentation managed by <see cref="OpenBlock"/>/<see cref="CloseBlock"/>,
/// so the emitters produce formatted text directly (no syntax trees, no <c>NormalizeWhitespace</c>).
/// </summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _text = new();
    private int _indentation;

    public SourceWriter WriteLine(string line = "")
    {
        if (line.Length > 0)
        {
            for (var i = 0; i < _indentation; i++) _text.Append(IndentUnit);
            _text.Append(line);
        }
        _text.Append('\n');
        return this;
    }

    public SourceWriter OpenBlock(string header = "")
    {
        if (header.Length > 0) WriteLine(header);
        WriteLine("{");
        _indentation++;
        return this;
    }

    public SourceWriter CloseBlock(string closer = "}")
    {
        if (_indentation == 0) throw new InvalidOperationException("No open block to close.");
        _indentation--;
        return WriteLine(closer);
    }

    public SourceWriter Indent()
    {
        _indentation++;
        return this;
    }

    public SourceWriter Unindent()
    {
        if (_indentation == 0) throw new InvalidOperationException("Nothing to unindent.");
        _indentation--;
        return this;
    }

    public SourceText ToSourceText() => SourceText.From(ToString(), Encoding.UTF8);

    public override string ToString() => _text.ToString();
}
