using YoloGen.Generator.Model;

namespace YoloGen.Generator.Catalogue;

/// <summary>
/// The modules YoloGen.Runtime provides (namespace <c>YoloGen.Nn</c>), described as Ultralytics 8.3.0's
/// <c>parse_model</c> treats them. Parameter lists are the reference constructors' positional parameters, so
/// a YAML argument list maps onto them by position exactly as in Python.
/// </summary>
internal static class BuiltInModules
{
    public static ImmutableEquatableArray<ModuleSignature> All { get; } = ImmutableEquatableArray.Create(
        Channels("Conv", StrideRule.MultipliedByArgument, strideArgument: 3,
            P("c1", ArgType.Int), P("c2", ArgType.Int), P("k", ArgType.Int), P("s", ArgType.Int),
            P("p", ArgType.OptionalInt), P("g", ArgType.Int), P("d", ArgType.Int), P("act", ArgType.Bool)),
        Channels("DWConv", StrideRule.MultipliedByArgument, strideArgument: 3,
            P("c1", ArgType.Int), P("c2", ArgType.Int), P("k", ArgType.Int), P("s", ArgType.Int),
            P("d", ArgType.Int), P("act", ArgType.Bool)),
        Channels("Bottleneck", StrideRule.Unchanged, strideArgument: -1,
            P("c1", ArgType.Int), P("c2", ArgType.Int), P("shortcut", ArgType.Bool), P("g", ArgType.Int),
            P("k", ArgType.OptionalIntPair), P("e", ArgType.Float)),
        Channels("SPPF", StrideRule.Unchanged, strideArgument: -1,
            P("c1", ArgType.Int), P("c2", ArgType.Int), P("k", ArgType.Int)),
        Repeated("C2f",
            P("c1", ArgType.Int), P("c2", ArgType.Int), P("n", ArgType.Int), P("shortcut", ArgType.Bool),
            P("g", ArgType.Int), P("e", ArgType.Float)),
        Repeated("C3",
            P("c1", ArgType.Int), P("c2", ArgType.Int), P("n", ArgType.Int), P("shortcut", ArgType.Bool),
            P("g", ArgType.Int), P("e", ArgType.Float)),
        // parse_model: "if m is C3k2 and scale in 'mlx': args[3] = True".
        Repeated("C3k2",
            P("c1", ArgType.Int), P("c2", ArgType.Int), P("n", ArgType.Int), P("c3k", ArgType.Bool),
            P("e", ArgType.Float), P("g", ArgType.Int), P("shortcut", ArgType.Bool)) with { LargeScaleFlag = 3 },
        Repeated("C2PSA",
            P("c1", ArgType.Int), P("c2", ArgType.Int), P("n", ArgType.Int), P("e", ArgType.Float)),
        new ModuleSignature("Concat", "Concat", "Concat", ArgumentRule.SumOfInputs,
            ImmutableEquatableArray.Create(P("dimension", ArgType.Int)),
            Input: ModuleInput.Multiple, Stride: StrideRule.SameAcrossInputs),
        // torch.nn.Upsample(size=None, scale_factor=None, mode='nearest'); the C# module has no 'size'.
        new ModuleSignature("nn.Upsample", "Upsample", "Upsample", ArgumentRule.Passthrough,
            ImmutableEquatableArray.Create(P("size", ArgType.OptionalInt, inConstructor: false), P("scaleFactor", ArgType.Float), P("mode", ArgType.String)),
            Stride: StrideRule.DividedByArgument, StrideArgument: 1),
        new ModuleSignature("Detect", "Detect", "Detect", ArgumentRule.DetectHead,
            ImmutableEquatableArray.Create(P("nc", ArgType.Int), P("ch", ArgType.IntList)),
            Input: ModuleInput.Multiple, Output: ModuleOutput.Detection, Stride: StrideRule.Head),
        new ModuleSignature("SE", "SE", "SE", ArgumentRule.InputChannels,
            ImmutableEquatableArray.Create(P("c1", ArgType.Int), P("reduction", ArgType.Int))),
        new ModuleSignature("SimAM", "SimAM", "SimAM", ArgumentRule.Passthrough,
            ImmutableEquatableArray.Create(P("lambda", ArgType.Float))),
        Backbone("efficient", "EfficientNetV1", ArgumentRule.EfficientNetV1Backbone),
        Backbone("efficientnet_v2", "EfficientNetV2", ArgumentRule.EfficientNetV2Backbone),
        Unsupported("Segment"),
        Unsupported("Pose"),
        Unsupported("OBB"),
        Unsupported("Classify"));

    /// <summary>
    /// Ultralytics 8.3.0 modules YoloGen does not implement: a YAML naming one gets a precise message instead
    /// of a spelling suggestion.
    /// </summary>
    public static ImmutableEquatableArray<string> NotImplemented { get; } = ImmutableEquatableArray.Create(
        "AIFI", "ADown", "AConv", "BNContrastiveHead", "BottleneckCSP", "C1", "C2", "C2fAttn", "C2fCIB", "C2fPSA",
        "C3Ghost", "C3TR", "C3x", "CBFuse", "CBLinear", "ConvTranspose", "DWConvTranspose2d", "ELAN1", "Focus",
        "GhostBottleneck", "GhostConv", "HGBlock", "HGStem", "ImagePoolingAttn", "PSA", "RepC3", "RepNCSPELAN4",
        "ResNetLayer", "RTDETRDecoder", "SCDown", "SPP", "SPPELAN", "v10Detect", "WorldDetect");

    private static ParameterSpec P(string name, ArgType type, bool inConstructor = true) => new(name, type, inConstructor);

    private static ModuleSignature Channels(string name, StrideRule stride, int strideArgument, params ParameterSpec[] parameters) =>
        new(name, name, name, ArgumentRule.OutputChannels, parameters.ToImmutableEquatableArray(), Stride: stride, StrideArgument: strideArgument);

    private static ModuleSignature Repeated(string name, params ParameterSpec[] parameters) =>
        new(name, name, name, ArgumentRule.OutputChannelsWithRepeats, parameters.ToImmutableEquatableArray());

    /// <summary>An EfficientNet backbone of the seed tutorials: one YAML line, layer indices i … i+4 (P1 … P5).</summary>
    private static ModuleSignature Backbone(string yamlName, string typeName, ArgumentRule rule) =>
        new(yamlName, typeName, typeName, rule,
            ImmutableEquatableArray.Create(P("variant", ArgType.String), P("widthMultiple", ArgType.Float), P("depthMultiple", ArgType.Float)),
            Output: ModuleOutput.Tensors, Stride: StrideRule.PerOutput, OutputCount: YoloGen.Nn.EfficientNetSpec.OutputStrides.Count);

    private static ModuleSignature Unsupported(string name) =>
        new(name, name, name, ArgumentRule.UnsupportedHead, ImmutableEquatableArray<ParameterSpec>.Empty,
            Input: ModuleInput.Multiple, Output: ModuleOutput.Detection, Stride: StrideRule.Head);
}
