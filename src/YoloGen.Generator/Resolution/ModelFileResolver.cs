using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using YoloGen.Generator.Catalogue;
using YoloGen.Generator.Diagnostics;
using YoloGen.Generator.Model;

namespace YoloGen.Generator.Resolution;

/// <summary>
/// The resolve step: a parsed file → one <see cref="ResolvedModel"/> per scale that resolves cleanly, plus
/// diagnostics. A scale that fails leaves the others generated. Never throws.
/// </summary>
internal static class ModelFileResolver
{
    public static ModelFileResult Resolve(ParsedModelFile parsed, ModuleCatalogue catalogue, CancellationToken cancellationToken) =>
        Resolve(parsed, catalogue, ReferenceVersion.From(parsed.Document.FilePath, null, null), cancellationToken);

    public static ModelFileResult Resolve(ParsedModelFile parsed, ModuleCatalogue catalogue, ReferenceVersion version, CancellationToken cancellationToken)
    {
        var filePath = parsed.Document.FilePath;
        var diagnostics = new List<DiagnosticInfo>(parsed.Diagnostics);
        var models = new List<ResolvedModel>();
        var origins = new List<ClassOrigin>();
        try
        {
            var spec = ModelSpecReader.Read(parsed.Document, catalogue, version, diagnostics);
            if (spec is not null && GraphChecks.CheckSpec(spec, diagnostics))
            {
                var perScale = new List<(string Scale, List<DiagnosticInfo> Found)>();
                foreach (var scale in spec.Scales)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var found = new List<DiagnosticInfo>();
                    perScale.Add((scale.Letter, found));
                    var model = ScaleResolver.Resolve(spec, scale, found);
                    if (model is null || !ConstructorChecks.Check(spec, model, found) || !GraphChecks.CheckHead(spec, model, found)) continue;
                    models.Add(model);
                    origins.Add(new ClassOrigin(model.ClassName, filePath, scale.Span));
                }
                diagnostics.AddRange(NameScales(perScale));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            diagnostics.Add(InternalError.For(filePath, ex));
            models.Clear();
            origins.Clear();
        }

        return new ModelFileResult(
            models.ToImmutableEquatableArray(),
            diagnostics.Distinct().ToImmutableEquatableArray(),
            origins.ToImmutableEquatableArray());
    }

    /// <summary>
    /// Each scale's diagnostics, reported once: a problem every scale shares as is (the common case, such as
    /// an Upsample factor), one that only some scales have (channel counts, scaled repeats) with those scales
    /// named after the layer index, which every per-scale message starts with ("Layer 1 (scale n)").
    /// </summary>
    private static IEnumerable<DiagnosticInfo> NameScales(List<(string Scale, List<DiagnosticInfo> Found)> perScale)
    {
        var distinct = perScale.SelectMany(s => s.Found).Distinct().ToList();
        foreach (var diagnostic in distinct)
        {
            var scales = perScale.Where(s => s.Found.Contains(diagnostic)).Select(s => s.Scale).ToList();
            if (scales.Count == perScale.Count || scales.Any(s => s.Length == 0) || diagnostic.MessageArgs.Count == 0)
            {
                yield return diagnostic;
                continue;
            }
            var args = diagnostic.MessageArgs.ToArray();
            args[0] += (scales.Count == 1 ? " (scale " : " (scales ") + string.Join(", ", scales) + ")";
            yield return diagnostic with { MessageArgs = args.ToImmutableEquatableArray() };
        }
    }
}
