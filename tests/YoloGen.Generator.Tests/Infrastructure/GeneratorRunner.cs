using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace YoloGen.Generator.Tests.Infrastructure;

/// <summary>Runs <see cref="YoloModelGenerator"/> through Roslyn's <see cref="CSharpGeneratorDriver"/>, with step tracking on.</summary>
internal static class GeneratorRunner
{
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> files, string? targetNamespace = null) =>
        CreateDriver(files, targetNamespace is null
            ? ImmutableDictionary<string, string>.Empty
            : ImmutableDictionary<string, string>.Empty.Add("YoloGenNamespace", targetNamespace));

    /// <summary>A driver that sees <paramref name="buildProperties"/> as MSBuild properties (<c>YoloGenSourceManifest</c> → <c>true</c>).</summary>
    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> files, IReadOnlyDictionary<string, string> buildProperties) =>
        CSharpGeneratorDriver.Create(
            [new YoloModelGenerator().AsSourceGenerator()],
            files,
            ParseOptions,
            new OptionsProvider(buildProperties.ToImmutableDictionary(p => "build_property." + p.Key, p => p.Value)),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorDriverRunResult Run(IEnumerable<AdditionalText> files, string? targetNamespace = null) =>
        CreateDriver(files, targetNamespace).RunGenerators(EmptyCompilation()).GetRunResult();

    public static GeneratorDriverRunResult Run(IEnumerable<AdditionalText> files, IReadOnlyDictionary<string, string> buildProperties) =>
        CreateDriver(files, buildProperties).RunGenerators(EmptyCompilation()).GetRunResult();

    public static GeneratorDriverRunResult RunOnFiles(params string[] paths) =>
        Run(paths.Select(p => new TextFile(p, File.ReadAllText(p))));

    public static CSharpCompilation EmptyCompilation(params SyntaxTree[] trees) =>
        CSharpCompilation.Create("Consumer", trees, [], new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    /// <summary>An AdditionalFiles item held in memory.</summary>
    public sealed class TextFile(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    /// <summary>MSBuild properties as the compiler passes them to generators (<c>build_property.*</c>).</summary>
    private sealed class OptionsProvider(ImmutableDictionary<string, string> globalOptions) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(globalOptions);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static Options Empty { get; } = new(ImmutableDictionary<string, string>.Empty);

            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
