using Microsoft.CodeAnalysis.Text;
using YoloGen.Generator.Catalogue;
using YoloGen.Generator.Model;
using YoloGen.Generator.Parsing;
using YoloGen.Generator.Resolution;

namespace YoloGen.Generator.Tests.Infrastructure;

/// <summary>Runs the generator's parse and resolve steps directly on a file or a string.</summary>
internal static class ModelPipeline
{
    public static ModelFileResult ResolveFile(string path) => ResolveText(path, File.ReadAllText(path));

    public static ModelFileResult ResolveText(string path, string yaml)
    {
        var parsed = ModelFileParser.Parse(path, SourceText.From(yaml), CancellationToken.None);
        return ModelFileResolver.Resolve(parsed, ModuleCatalogue.BuiltIn, CancellationToken.None);
    }
}
