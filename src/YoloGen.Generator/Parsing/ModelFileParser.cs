using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis.Text;
using YoloGen.Generator.Diagnostics;
using YoloGen.Generator.Model;

namespace YoloGen.Generator.Parsing;

/// <summary>The parse step: YAML text → <see cref="ModelDocument"/> plus syntax diagnostics. Never throws.</summary>
internal static class ModelFileParser
{
    public static ParsedModelFile Parse(string filePath, SourceText? text, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        YamlMap? root = null;
        try
        {
            if (text is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.YamlSyntaxError, filePath, SourceSpan.FileStart, "the file could not be read"));
            }
            else
            {
                var node = YamlTreeBuilder.Build(filePath, text, diagnostics);
                cancellationToken.ThrowIfCancellationRequested();
                root = node as YamlMap;
                if (root is null && diagnostics.Count == 0)
                {
                    var found = node is null ? "an empty file" : node is YamlList ? "a list" : "a single value";
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidValue, filePath, node?.Span ?? SourceSpan.FileStart,
                        Path.GetFileName(filePath), "a mapping with the keys nc, scales, backbone and head", found));
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            diagnostics.Add(InternalError.For(filePath, ex));
            root = null;
        }
        return new ParsedModelFile(new ModelDocument(filePath, root), diagnostics.ToImmutableEquatableArray());
    }
}
