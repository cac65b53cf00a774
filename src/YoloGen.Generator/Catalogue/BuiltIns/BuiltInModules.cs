using System.Linq;
using YoloGen.Generator.Model;

namespace YoloGen.Generator.Catalogue;

/// <summary>
/// The modules YoloGen.Runtime provides (namespace <c>YoloGen.Nn</c>), described as Ultralytics 8.4.50's
/// <c>parse_model</c> treats them, one file per family. Parameter lists are the reference constructors' positional
/// parameters, so a YAML argument list maps onto them by position exactly as in Python; the runtime constructors
/// take the same parameters in the same order (checked by <c>CatalogueRuntimeTests</c>).
/// </summary>
internal static partial class BuiltInModules
{
    public static ImmutableEquatableArray<ModuleSignature> All { get; } =
        Convolutions().Concat(CspBlocks()).Concat(Pooling()).Concat(Attention()).Concat(Torch()).Concat(Backbones()).Concat(Heads())
            .ToImmutableEquatableArray();

    /// <summary>
    /// Ultralytics 8.4.50 modules YoloGen does not implement: a YAML naming one gets a precise message instead
    /// of a spelling suggestion.
    /// </summary>
    public static ImmutableEquatableArray<string> NotImplemented { get; } = ImmutableEquatableArray.Create(
        "AIFI", "BNContrastiveHead", "BottleneckCSP", "C1", "C2fAttn", "C2fPSA", "C3TR", "C3x", "ConvTranspose",
        "DWConvTranspose2d", "Focus", "HGBlock", "HGStem", "ImagePoolingAttn", "RepC3", "ResNetLayer", "RTDETRDecoder",
        "WorldDetect", "YOLOEDetect", "YOLOESegment", "TorchVision", "Index");

    private static ParameterSpec P(string name, ArgType type, bool inConstructor = true) => new(name, type, inConstructor);

    /// <summary><c>[c2, …]</c> → <c>[c1, scaled c2, …]</c>, with the stride multiplied by the argument at <paramref name="strideArgument"/> (or unchanged, -1).</summary>
    private static ModuleSignature Channels(string name, int strideArgument, params ParameterSpec[] parameters) =>
        new(name, name, name, ArgumentRule.OutputChannels, parameters.ToImmutableEquatableArray(),
            Stride: strideArgument < 0 ? StrideRule.Unchanged : StrideRule.MultipliedByArgument, StrideArgument: strideArgument);

    /// <summary>As <see cref="Channels"/>, downsampling by a fixed factor of 2 (AConv, ADown).</summary>
    private static ModuleSignature Downsampling(string name, params ParameterSpec[] parameters) =>
        new(name, name, name, ArgumentRule.OutputChannels, parameters.ToImmutableEquatableArray(),
            Stride: StrideRule.Factors, StrideFactors: ImmutableEquatableArray.Create(2.0));

    /// <summary><c>[c2, …]</c> → <c>[c1, scaled c2, n, …]</c>: the module folds the repeats itself.</summary>
    private static ModuleSignature Repeated(string name, params ParameterSpec[] parameters) =>
        new(name, name, name, ArgumentRule.OutputChannelsWithRepeats, parameters.ToImmutableEquatableArray());

    private static ModuleSignature Unsupported(string name) =>
        new(name, name, name, ArgumentRule.UnsupportedHead, ImmutableEquatableArray<ParameterSpec>.Empty,
            Input: ModuleInput.Multiple, Output: ModuleOutput.Detection, Stride: StrideRule.Head);
}
