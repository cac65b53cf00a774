using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using YoloGen.Generator.Diagnostics;
using YoloGen.Generator.Model;

namespace YoloGen.Generator;

/// <summary>
/// Settings read from MSBuild: <c>YoloGenNamespace</c> (exposed to the compiler with
/// <c>&lt;CompilerVisibleProperty Include="YoloGenNamespace" /&gt;</c>), the namespace of the generated classes, and
/// <c>YoloGenReference</c>, the Ultralytics version whose rules model files follow (<c>8.4</c>, the default, or
/// <c>8.3</c>; per file with the AdditionalFiles item metadata of the same name, see <see cref="ReferenceVersion"/>).
/// </summary>
internal sealed record GeneratorOptions(string Namespace, DiagnosticInfo? Problem)
{
    public const string DefaultNamespace = "YoloGen.Models";
    public const string NamespaceProperty = "YoloGenNamespace";
    public const string ReferenceProperty = "YoloGenReference";

    public static GeneratorOptions Read(AnalyzerConfigOptions globalOptions)
    {
        if (!globalOptions.TryGetValue("build_property." + NamespaceProperty, out var value) || string.IsNullOrWhiteSpace(value))
            return new GeneratorOptions(DefaultNamespace, null);
        var name = value.Trim();
        if (name.Split('.').All(part => SyntaxFacts.IsValidIdentifier(part) && SyntaxFacts.GetKeywordKind(part) == SyntaxKind.None))
            return new GeneratorOptions(name, null);
        var problem = DiagnosticInfo.Create(DiagnosticDescriptors.InvalidValue, filePath: "", SourceSpan.FileStart,
            NamespaceProperty, $"a C# namespace such as MyApp.Models (the classes go to {DefaultNamespace} meanwhile)", "'" + name + "'");
        return new GeneratorOptions(DefaultNamespace, problem);
    }
}
