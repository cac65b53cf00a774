using YoloGen.Generator.Diagnostics;

namespace YoloGen.Generator.Model;

/// <summary>The parse step's output for one file: the positioned document and the syntax diagnostics.</summary>
internal sealed record ParsedModelFile(ModelDocument Document, ImmutableEquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// The resolve step's output for one file: one model per valid scale, and, kept apart so that source
/// emission never depends on positions, the file's diagnostics and where each class comes from.
/// </summary>
internal sealed record ModelFileResult(
    ImmutableEquatableArray<ResolvedModel> Models,
    ImmutableEquatableArray<DiagnosticInfo> Diagnostics,
    ImmutableEquatableArray<ClassOrigin> Origins);

/// <summary>Which file and scale line produce a class (for the duplicate-class diagnostic).</summary>
internal sealed record ClassOrigin(string ClassName, string FilePath, SourceSpan Span);
