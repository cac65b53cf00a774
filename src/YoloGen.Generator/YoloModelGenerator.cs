using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using YoloGen.Generator.Catalogue;
using YoloGen.Generator.Diagnostics;
using YoloGen.Generator.Emission;
using YoloGen.Generator.Model;
using YoloGen.Generator.Parsing;
using YoloGen.Generator.Resolution;

namespace YoloGen.Generator;

/// <summary>
/// Model YAML files (AdditionalFiles ending in .yaml or .yml) in, one typed TorchSharp network class per
/// scale plus the <c>YoloModels</c> registry out; the project's <c>[YoloModule]</c> classes join the built-in modules. Every step's output is value-equatable; diagnostics are
/// reported from their own output, so an edit that only moves YAML lines re-reports without re-emitting.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class YoloModelGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var options = context.AnalyzerConfigOptionsProvider
            .Select((provider, _) => GeneratorOptions.Read(provider.GlobalOptions))
            .WithTrackingName(TrackingNames.Options);

        var files = context.AdditionalTextsProvider
            .Where(text => IsModelFile(text.Path))
            .WithTrackingName(TrackingNames.ModelFiles);

        var parsed = files
            .Select((text, cancellationToken) => ModelFileParser.Parse(text.Path, text.GetText(cancellationToken), cancellationToken))
            .WithTrackingName(TrackingNames.Parse);

        // The consumer's [YoloModule] classes, read into plain values; the catalogue changes only when one of them does.
        var userModules = context.SyntaxProvider
            .ForAttributeWithMetadataName(UserModuleReader.AttributeName,
                static (node, _) => node is ClassDeclarationSyntax,
                static (syntax, cancellationToken) => UserModuleReader.Read(syntax, cancellationToken))
            .WithTrackingName(TrackingNames.UserModules);
        var userCatalogue = userModules
            .Collect()
            .Select((specs, _) => UserCatalogue.Build(specs))
            .WithTrackingName(TrackingNames.UserCatalogue);
        var catalogue = userCatalogue
            .Select((result, _) => result.Catalogue)
            .WithTrackingName(TrackingNames.Catalogue);
        context.RegisterSourceOutput(userCatalogue.Select((result, _) => result.Diagnostics), static (spc, found) =>
        {
            foreach (var diagnostic in found) spc.ReportDiagnostic(diagnostic.ToDiagnostic());
        });

        // The reference version of each file: its AdditionalFiles metadata, else the project's property (default 8.4).
        var versions = files
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select((input, _) => ReferenceVersion.From(input.Left.Path,
                Value(input.Right.GetOptions(input.Left), "build_metadata.AdditionalFiles." + GeneratorOptions.ReferenceProperty),
                Value(input.Right.GlobalOptions, "build_property." + GeneratorOptions.ReferenceProperty)))
            .WithTrackingName(TrackingNames.ReferenceVersions)
            .Collect()
            .Select((all, _) => all.ToImmutableEquatableArray());

        var resolved = parsed
            .Combine(catalogue)
            .Combine(versions)
            .Select((input, cancellationToken) => ModelFileResolver.Resolve(input.Left.Left, input.Left.Right,
                input.Right.FirstOrDefault(v => v.FilePath == input.Left.Left.Document.FilePath)
                    ?? ReferenceVersion.From(input.Left.Left.Document.FilePath, null, null), cancellationToken))
            .WithTrackingName(TrackingNames.Resolve);

        var diagnostics = resolved
            .Select((result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (spc, found) =>
        {
            foreach (var diagnostic in found) spc.ReportDiagnostic(diagnostic.ToDiagnostic());
        });
        context.RegisterSourceOutput(options, static (spc, settings) =>
        {
            if (settings.Problem is not null) spc.ReportDiagnostic(settings.Problem.ToDiagnostic());
        });

        var duplicates = resolved
            .Select((result, _) => result.Origins)
            .WithTrackingName(TrackingNames.ClassOrigins)
            .Collect()
            .Select((origins, _) => DuplicateClasses.Find(origins))
            .WithTrackingName(TrackingNames.DuplicateClasses);
        context.RegisterSourceOutput(duplicates.Select((d, _) => d.Diagnostics), static (spc, found) =>
        {
            foreach (var diagnostic in found) spc.ReportDiagnostic(diagnostic.ToDiagnostic());
        });
        var duplicateNames = duplicates.Select((d, _) => d.Names);

        var models = resolved
            .SelectMany((result, _) => result.Models)
            .WithTrackingName(TrackingNames.Models);

        context.RegisterSourceOutput(models.Combine(duplicateNames).Combine(options), static (spc, input) =>
        {
            var ((model, duplicated), settings) = input;
            if (duplicated.Contains(model.ClassName)) return;
            Emit(spc, model.ClassName + ".g.cs", model.FileName + " (" + model.ClassName + ")", () => ModelEmitter.Emit(model, settings.Namespace));
            Emit(spc, OnnxExportEmitter.HintName(model), model.FileName + " (" + model.ClassName + ", ONNX export)", () => OnnxExportEmitter.Emit(model, settings.Namespace));
        });

        var registry = models
            .Select((model, _) => new RegistryEntry(model.ModelName, model.ClassName, model.Nc, model.FileName))
            .Collect()
            .Select((entries, _) => entries.ToImmutableEquatableArray())
            .WithTrackingName(TrackingNames.RegistryEntries);

        context.RegisterSourceOutput(registry.Combine(duplicateNames).Combine(options), static (spc, input) =>
        {
            var ((entries, duplicated), settings) = input;
            var unique = entries.Where(e => !duplicated.Contains(e.ClassName)).ToList();
            Emit(spc, RegistryEmitter.HintName, "the model registry", () => RegistryEmitter.Emit(unique, settings.Namespace));
        });

        // The texts above as assembly metadata, for YoloGen.Testing's snapshots (off unless YoloGenSourceManifest=true).
        SourceManifestEmitter.Register(context, models, registry, duplicateNames, options);
    }

    private static string? Value(Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value) ? value : null;

    /// <summary>AdditionalFiles with a .yaml or .yml extension (any case) are model files; see docs/generator.md.</summary>
    public static bool IsModelFile(string path)
    {
        var extension = Path.GetExtension(path);
        return string.Equals(extension, ".yaml", StringComparison.OrdinalIgnoreCase)
            || string.Equals(extension, ".yml", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Adds a generated file; an emitter failure becomes a YG9999 diagnostic instead of an exception (CS8785).</summary>
    private static void Emit(SourceProductionContext context, string hintName, string source, Func<string> emit)
    {
        string text;
        try
        {
            text = emit();
        }
        catch (Exception ex)
        {
            context.ReportDiagnostic(InternalError.For("", ex, "while writing the code for " + source).ToDiagnostic());
            return;
        }
        context.AddSource(hintName, text);
    }
}
