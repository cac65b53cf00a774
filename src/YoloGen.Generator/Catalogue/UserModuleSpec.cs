using YoloGen.Generator.Diagnostics;
using YoloGen.Generator.Model;

namespace YoloGen.Generator.Catalogue;

/// <summary>
/// What the generator keeps of one <c>[YoloModule]</c> class: plain values, no symbols, so the pipeline stays
/// value-equatable and an edit inside the class that changes none of these leaves everything after it cached.
/// </summary>
/// <param name="YamlName">The name YAML files use.</param>
/// <param name="ClassName">The class as C# displays it (for messages).</param>
/// <param name="Signature">The catalogue row, or null when the declaration has errors (<paramref name="Problems"/>).</param>
/// <param name="Problems">YG0024 diagnostics at the attribute or the parameter at fault.</param>
/// <param name="FilePath">Source file of the attribute (for the catalogue-level diagnostics).</param>
/// <param name="AttributeSpan">Position of the attribute.</param>
internal sealed record UserModuleSpec(
    string YamlName,
    string ClassName,
    ModuleSignature? Signature,
    ImmutableEquatableArray<DiagnosticInfo> Problems,
    string FilePath,
    SourceSpan AttributeSpan);

/// <summary>The catalogue the resolve step uses (built-ins plus the valid user modules) and the declarations' diagnostics.</summary>
internal sealed record UserCatalogueResult(ModuleCatalogue Catalogue, ImmutableEquatableArray<DiagnosticInfo> Diagnostics);
