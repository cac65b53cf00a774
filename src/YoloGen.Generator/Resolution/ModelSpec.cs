using YoloGen.Generator.Catalogue;
using YoloGen.Generator.Model;

namespace YoloGen.Generator.Resolution;

/// <summary>
/// A model file checked for everything that does not depend on the scale: nc, the scales, and every layer's
/// 'from', repeats, module and (evaluated) arguments, with the positions diagnostics need.
/// </summary>
internal sealed record ModelSpec(
    string FilePath,
    string FileName,
    int Nc,
    ImmutableEquatableArray<ScaleSpec> Scales,
    ImmutableEquatableArray<LayerSpec> Layers,
    FileRules Rules);

/// <summary>
/// One scale: multipliers as numbers and as written. <see cref="Letter"/> is empty for a file with top-level
/// <c>depth_multiple</c>/<c>width_multiple</c>, whose <see cref="MaxChannels"/> is unbounded like the reference's <c>float('inf')</c>.
/// </summary>
internal sealed record ScaleSpec(
    string Letter,
    double Depth,
    double Width,
    double MaxChannels,
    string DepthText,
    string WidthText,
    string MaxChannelsText,
    SourceSpan Span);

/// <summary>One layer line: resolved indices, the module's signature and the evaluated YAML arguments.</summary>
internal sealed record LayerSpec(
    int Index,
    ImmutableEquatableArray<int> From,
    bool FromIsList,
    ImmutableEquatableArray<int> Inputs,
    long Repeats,
    ModuleSignature Module,
    ImmutableEquatableArray<YamlArgument> Args,
    SourceSpan ModuleSpan,
    SourceSpan FromSpan,
    SourceSpan ArgsSpan,
    string Yaml);

/// <summary>A YAML argument after <c>parse_model</c>'s evaluation; <paramref name="IsNc"/> when it was the name <c>nc</c>.</summary>
internal sealed record YamlArgument(ArgValue Value, bool IsNc, SourceSpan Span);
