using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using YoloGen.Generator.Model;

namespace YoloGen.Generator.Diagnostics;

/// <summary>
/// A diagnostic as plain values (descriptor id, message arguments, file and position), so it can travel
/// through the incremental pipeline and compare by value. Becomes a Roslyn <see cref="Diagnostic"/> only
/// in <see cref="ToDiagnostic"/>, at report time.
/// </summary>
internal sealed record DiagnosticInfo(string Id, ImmutableEquatableArray<string> MessageArgs, string FilePath, SourceSpan Span)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, string filePath, SourceSpan span, params string[] messageArgs) =>
        new(descriptor.Id, messageArgs.ToImmutableEquatableArray(), filePath, span);

    /// <summary>The Roslyn diagnostic; an empty <see cref="FilePath"/> (a problem with an MSBuild setting) has no location.</summary>
    public Diagnostic ToDiagnostic()
    {
        var location = FilePath.Length == 0 ? Location.None : Location.Create(
            FilePath,
            new TextSpan(Span.Start, Span.Length),
            new LinePositionSpan(new LinePosition(Span.StartLine, Span.StartColumn), new LinePosition(Span.EndLine, Span.EndColumn)));
        var args = new object[MessageArgs.Count];
        for (var i = 0; i < args.Length; i++) args[i] = MessageArgs[i];
        return Diagnostic.Create(DiagnosticDescriptors.ById(Id), location, args);
    }
}
