using System.Globalization;
using Microsoft.CodeAnalysis;
using YoloGen.Generator.Model;
using YoloGen.Generator.Tests.Infrastructure;

namespace YoloGen.Generator.Tests.Diagnostics;

/// <summary>Resolves YAML text and checks the one diagnostic a test expects, as the compiler would print it.</summary>
internal static class DiagnosticAssert
{
    public const string FilePath = "/project/models/bad.yaml";

    public static IReadOnlyList<Diagnostic> Diagnose(string yaml) => Diagnose(ModelPipeline.ResolveText(FilePath, yaml));

    public static IReadOnlyList<Diagnostic> Diagnose(ModelFileResult result) =>
        result.Diagnostics.Select(d => d.ToDiagnostic()).ToList();

    /// <summary>
    /// Exactly one diagnostic with <paramref name="id"/>, at 1-based <paramref name="line"/>/<paramref name="column"/>
    /// with <paramref name="severity"/>, its message formatting cleanly; and no error with another ID unless listed in <paramref name="alsoAllowed"/>.
    /// </summary>
    public static Diagnostic Single(IReadOnlyList<Diagnostic> diagnostics, string id, DiagnosticSeverity severity, int line, int column, params string[] alsoAllowed)
    {
        var all = string.Join("\n", diagnostics.Select(d => d.ToString()));
        var matching = diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1, $"expected one {id}, got:\n{all}");
        var diagnostic = matching[0];
        Assert.Equal(severity, diagnostic.Severity);
        var position = diagnostic.Location.GetLineSpan().StartLinePosition;
        Assert.Equal((id, line, column), (id, position.Line + 1, position.Character + 1));
        Assert.NotEmpty(diagnostic.GetMessage(CultureInfo.InvariantCulture));
        var others = diagnostics.Where(d => d.Id != id && d.Severity == DiagnosticSeverity.Error && !alsoAllowed.Contains(d.Id)).ToList();
        Assert.True(others.Count == 0, $"unexpected errors besides {id}:\n{all}");
        return diagnostic;
    }

    public static Diagnostic Single(string yaml, string id, DiagnosticSeverity severity, int line, int column, params string[] alsoAllowed) =>
        Single(Diagnose(yaml), id, severity, line, column, alsoAllowed);

    public static string Message(this Diagnostic diagnostic) => diagnostic.GetMessage(CultureInfo.InvariantCulture);
}
