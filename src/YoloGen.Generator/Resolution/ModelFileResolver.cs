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
    public static ModelFileResult Resolve(ParsedModelFile parsed, ModuleCatalogue catalogue, CancellationToken cancellationToken)
    {
        var filePath = parsed.Document.FilePath;
        var diagnostics = new List<DiagnosticInfo>(parsed.Diagnostics);
        var models = new List<ResolvedModel>();
        var origins = new List<ClassOrigin>();
        try
        {
            var spec = ModelSpecReader.Read(parsed.Document, catalogue, diagnostics);
            if (spec is not null)
            {
                foreach (var scale in spec.Scales)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var model = ScaleResolver.Resolve(spec, scale, diagnostics);
                    if (model is null) continue;
                    models.Add(model);
                    origins.Add(new ClassOrigin(model.ClassName, filePath, scale.Span));
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            diagnostics.Add(InternalError.For(filePath, ex));
            models.Clear();
            origins.Clear();
        }

        // Scale-independent problems are found once per scale; report each once.
        return new ModelFileResult(
            models.ToImmutableEquatableArray(),
            diagnostics.Distinct().ToImmutableEquatableArray(),
            origins.ToImmutableEquatableArray());
    }
}
