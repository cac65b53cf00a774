using YoloGen.Generator.Model;

namespace YoloGen.Generator.Catalogue;

/// <summary>How the reference <c>parse_model</c> turns a layer's YAML arguments into constructor arguments.</summary>
internal enum ArgumentRule
{
    /// <summary><c>[c2, …]</c> → <c>[c1, make_divisible(min(c2, max_channels) · width, 8), …]</c> (Conv, SPPF, …); output c2.</summary>
    OutputChannels,

    /// <summary>As <see cref="OutputChannels"/>, then the repeat count is inserted at position 2 and the module is built once (C3k2, C2f, …).</summary>
    OutputChannelsWithRepeats,

    /// <summary>Arguments unchanged; output channels are the sum of the inputs' (Concat).</summary>
    SumOfInputs,

    /// <summary>The inputs' channel list is appended (<c>[nc]</c> → <c>[nc, [c, c, c]]</c>); the layer is the detection head.</summary>
    DetectHead,

    /// <summary>Arguments replaced by <c>[c1]</c>; output channels c1 (attention blocks such as SE).</summary>
    InputChannels,

    /// <summary>Arguments unchanged; output channels equal the input's (nn.Upsample, SimAM).</summary>
    Passthrough,

    /// <summary>
    /// Arguments unchanged (<c>[variant, width multiple, depth multiple]</c>, not scaled by the YOLO scale); the module
    /// takes the 3-channel image and outputs P1…P5, whose channels and strides come from <c>EfficientNetSpec</c>.
    /// </summary>
    EfficientNetV1Backbone,

    /// <summary>As <see cref="EfficientNetV1Backbone"/>, for the EfficientNetV2 variants.</summary>
    EfficientNetV2Backbone,

    /// <summary>A reference task head YoloGen does not generate yet (Segment, Pose, OBB, Classify).</summary>
    UnsupportedHead,

    /// <summary><c>[c2s, …]</c> → <c>[c1, c2s, …]</c>, the list unscaled; the output is one map per entry of c2s (CBLinear).</summary>
    ChannelList,

    /// <summary>Arguments unchanged; output channels are the last input's; the other inputs are picked from lists (CBFuse).</summary>
    Fuse,

    /// <summary>The inputs' channel list is appended (<c>[nc]</c> → <c>[nc, [c, c, c]]</c>); the layer is a v10Detect head.</summary>
    V10Head,

    /// <summary>Arguments unchanged; constant output channels, <see cref="ModuleSignature.FixedChannels"/> (user modules).</summary>
    Fixed,
}

/// <summary>What a module's <c>forward</c> takes.</summary>
internal enum ModuleInput
{
    /// <summary><c>forward(Tensor)</c>; 'from' is a single index.</summary>
    Single,

    /// <summary><c>forward(Tensor[])</c>; 'from' is a list.</summary>
    Multiple,
}

/// <summary>What a module's <c>forward</c> returns.</summary>
internal enum ModuleOutput
{
    /// <summary>One feature map.</summary>
    Tensor,

    /// <summary>Several feature maps (<c>Tensor[]</c>), one per layer index the module occupies.</summary>
    Tensors,

    /// <summary>The head's <c>DetectionOutput</c>.</summary>
    Detection,

    /// <summary>Several feature maps (<c>Tensor[]</c>) at one layer index, which later layers pick from (CBLinear).</summary>
    TensorList,
}

/// <summary>How the output stride (input pixels per output pixel) follows from the input's.</summary>
internal enum StrideRule
{
    Unchanged,

    /// <summary>Multiplied by the integer argument at <see cref="ModuleSignature.StrideArgument"/> (Conv's <c>s</c>).</summary>
    MultipliedByArgument,

    /// <summary>Divided by the argument at <see cref="ModuleSignature.StrideArgument"/> (nn.Upsample's <c>scale_factor</c>).</summary>
    DividedByArgument,

    /// <summary>All inputs must share one stride, which the output keeps (Concat).</summary>
    SameAcrossInputs,

    /// <summary>The head: it records its inputs' strides.</summary>
    Head,

    /// <summary>One stride per output, given by the module's description (multi-output backbones).</summary>
    PerOutput,

    /// <summary>The last input's stride; every other input is resized to it (CBFuse).</summary>
    LastInput,

    /// <summary>Multiplied by the pooling stride at <see cref="ModuleSignature.StrideArgument"/>, which defaults to the kernel size (argument 0).</summary>
    Pool,

    /// <summary>
    /// Each output's stride is the input's times a constant factor, <see cref="ModuleSignature.StrideFactors"/>
    /// (user modules: 2 downsamples, 0.5 upsamples); inputs of a multi-input module must share one stride.
    /// </summary>
    Factors,
}

/// <summary>The C# type of a constructor parameter, which decides how a YAML value is checked and written.</summary>
internal enum ArgType
{
    Int,
    Float,
    Bool,
    String,
    OptionalInt,
    OptionalIntPair,

    /// <summary>True, False or None (a head's <c>end2end</c>).</summary>
    OptionalBool,
    IntList,
    Int32List,

    /// <summary>A 32-bit integer parameter (user modules' <c>int</c>).</summary>
    Int32,

    /// <summary>A single-precision parameter (user modules' <c>float</c>).</summary>
    Float32,

    /// <summary>A parameter no YAML value can express (some other C# type); it must keep its default.</summary>
    Unsupported,
}

/// <summary>
/// One positional parameter of the reference constructor (after <c>parse_model</c> rewrote the arguments).
/// <paramref name="InConstructor"/> false marks a reference parameter the C# constructor does not have; the
/// YAML must leave it at its default (nn.Upsample's <c>size</c>, which must be None). <paramref name="Required"/>
/// marks a parameter without a default (user modules), which the YAML must give; <paramref name="CSharpType"/> is
/// the parameter's C# type as written for messages (user modules).
/// </summary>
internal sealed record ParameterSpec(string Name, ArgType Type, bool InConstructor = true, bool Required = false, string CSharpType = "");

/// <summary>
/// Everything the generator knows about a module: its YAML name, the C# type that implements it, how the
/// reference resolves its arguments, its constructor parameters, and how channels and stride flow through it.
/// Built-ins come from <see cref="BuiltInModules"/>; user modules (<c>[YoloModule]</c> classes) map onto the same record
/// (<see cref="UserModuleReader"/>): <paramref name="InsertsInputChannels"/> when the constructor's first parameter
/// <c>c1</c> receives the input channels (rules other than <see cref="ArgumentRule.OutputChannels"/>, which always does).
/// </summary>
internal sealed record ModuleSignature(
    string YamlName,
    string ReferenceName,
    string TypeName,
    ArgumentRule Rule,
    ImmutableEquatableArray<ParameterSpec> Parameters,
    ModuleInput Input = ModuleInput.Single,
    ModuleOutput Output = ModuleOutput.Tensor,
    StrideRule Stride = StrideRule.Unchanged,
    int StrideArgument = -1,
    int LargeScaleFlag = -1,
    int OutputCount = 1,
    bool IsUserModule = false,
    bool InsertsInputChannels = false,
    ImmutableEquatableArray<int>? FixedChannels = null,
    ImmutableEquatableArray<double>? StrideFactors = null)
{
    /// <summary>Using the module makes the file non-legacy (parse_model's <c>legacy = False</c>: C3k2, A2C2f, C2fCIB).</summary>
    public bool ClearsLegacy { get; init; }

    /// <summary>parse_model appends <c>(True, 1.2)</c> (residual, mlp_ratio) at scales l and x (A2C2f).</summary>
    public bool LargeScaleResidual { get; init; }

    /// <summary>A C#-only constructor argument the generated call adds from the network's reference rules.</summary>
    public ExtraArgument Extra { get; init; }

    /// <summary>The head always has a one-to-one branch (v10Detect), whatever the file's <c>end2end</c>.</summary>
    public bool EndToEnd { get; init; }

    /// <summary>Whether n copies can be chained in <c>nn.Sequential</c>, as the reference does for repeats of non-folding modules.</summary>
    public bool CanChain => Input == ModuleInput.Single && Output == ModuleOutput.Tensor;
}

/// <summary>C#-only constructor arguments taken from the network's <c>ReferenceRules</c> at run time.</summary>
internal enum ExtraArgument
{
    None,

    /// <summary>SPPF's <c>cv1Act</c>: <c>Reference.SppfCv1Activation</c>.</summary>
    SppfActivation,

    /// <summary>A Detect-family head's <c>legacy</c> (for legacy files: <c>Reference.LegacyHeads</c>) and <c>boxBias</c>.</summary>
    HeadRules,

    /// <summary>A head's <c>boxBias</c> only.</summary>
    BoxBias,
}
