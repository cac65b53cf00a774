using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace YoloGen.Testing.Tests;

/// <summary>
/// An assembly compiled in memory with the given <c>[assembly: AssemblyMetadata]</c> entries, loaded into its own
/// collectible context: what a project built with YoloGen carries, without building one.
/// </summary>
internal sealed class ManifestAssembly : IDisposable
{
    private readonly AssemblyLoadContext _context = new("manifest-" + Guid.NewGuid().ToString("N"), isCollectible: true);

    public ManifestAssembly(string name, params (string Key, string Value)[] entries)
    {
        var source = string.Concat(entries.Select(e =>
            $"[assembly: System.Reflection.AssemblyMetadata({SymbolDisplay.FormatLiteral(e.Key, true)}, {SymbolDisplay.FormatLiteral(e.Value, true)})]\n"));
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(System.IO.Path.PathSeparator)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(name, [CSharpSyntaxTree.ParseText(source)], platform,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success) throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
        image.Position = 0;
        Assembly = _context.LoadFromStream(image);
    }

    public Assembly Assembly { get; }

    /// <summary>A manifest of format 1 holding these files (name → text; the hint name is <c>name.g.cs</c>).</summary>
    public static ManifestAssembly WithSources(params (string Name, string Text)[] files) =>
        new("Consumer", [("YoloGen.SourceManifest", "1"), ("YoloGen.GeneratorVersion", "1.2.3"), .. files.Select(f => ("YoloGen.GeneratedSource:" + f.Name + ".g.cs", f.Text))]);

    public void Dispose() => _context.Unload();
}
