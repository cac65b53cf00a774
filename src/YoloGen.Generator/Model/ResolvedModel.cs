using YoloGen.Generator.Catalogue;

namespace YoloGen.Generator.Model;

/// <summary>
/// One network class, fully resolved for one scale: everything the emitter needs and nothing positional
/// (no spans), so that moving lines in the YAML leaves it equal and the emitted source cached.
/// </summary>
/// <param name="FileName">The YAML file's name (for the header comment).</param>
/// <param name="ModelName">Reference-style name, e.g. <c>yolo11n-se</c>.</param>
/// <param name="ClassName">C# class name, e.g. <c>Yolo11nSe</c>.</param>
/// <param name="Scale">Scale letter, or empty for a file with top-level multipliers.</param>
/// <param name="Depth">Depth multiple as written in the YAML.</param>
/// <param name="Width">Width multiple as written.</param>
/// <param name="MaxChannels">max_channels as written, or empty when there is none.</param>
/// <param name="Nc">Number of classes from the YAML (the constructor's default).</param>
/// <param name="Rules">The file-wide rules, resolved once for the whole file.</param>
internal sealed record ResolvedModel(
    string FileName,
    string ModelName,
    string ClassName,
    string Scale,
    string Depth,
    string Width,
    string MaxChannels,
    int Nc,
    ImmutableEquatableArray<ResolvedLayer> Layers,
    FileRules Rules);

/// <summary>
/// One YAML layer line after resolution.
/// </summary>
/// <param name="Index">Layer index (the first one when the module occupies several, see <see cref="OutputCount"/>).</param>
/// <param name="From">'from' as written (relative -1 kept), the reference's <c>f</c>.</param>
/// <param name="FromIsList">Whether 'from' was written as a list.</param>
/// <param name="Inputs">Absolute indices of the inputs; -1 is the network input.</param>
/// <param name="Repeats">Repeat count after depth scaling (the reference's <c>n</c>).</param>
/// <param name="Instances">Module copies chained in a Sequential (1 when the module folds repeats itself or n is 1).</param>
/// <param name="Module">Reference class name (<c>Upsample</c> for <c>nn.Upsample</c>).</param>
/// <param name="TypeName">C# type that implements it.</param>
/// <param name="Args">The reference constructor arguments (what the golden JSON's <c>args</c> shows).</param>
/// <param name="ConstructorArguments">The C# constructor call's arguments.</param>
/// <param name="OutChannels">Channels of each output; empty for the head.</param>
/// <param name="Strides">Stride of each output; for the head, its inputs' strides.</param>
/// <param name="Yaml">The YAML entry, normalized to one line (<c>[-1, 1, Conv, [64, 3, 2]]</c>).</param>
internal sealed record ResolvedLayer(
    int Index,
    ImmutableEquatableArray<int> From,
    bool FromIsList,
    ImmutableEquatableArray<int> Inputs,
    int Repeats,
    int Instances,
    string Module,
    string TypeName,
    ModuleInput Input,
    ModuleOutput Output,
    ImmutableEquatableArray<ArgValue> Args,
    ImmutableEquatableArray<ConstructorArgument> ConstructorArguments,
    ImmutableEquatableArray<int> OutChannels,
    ImmutableEquatableArray<int> Strides,
    string Yaml)
{
    public int OutputCount => Output == ModuleOutput.Tensors ? OutChannels.Count : 1;

    public bool IsHead => Output == ModuleOutput.Detection;

    /// <summary>For CBFuse: the entry picked from each input (-1 for the last, read whole); empty otherwise.</summary>
    public ImmutableEquatableArray<int> Picks { get; init; } = ImmutableEquatableArray<int>.Empty;
}

/// <summary>
/// One argument of the generated constructor call. <paramref name="Name"/> is null for positional arguments
/// (those the graph supplies: channels, nc, the head's channel and stride lists); YAML-given ones are named.
/// <paramref name="IsNc"/> marks the YAML's <c>nc</c>, written as the constructor's <c>nc</c> parameter.
/// </summary>
internal sealed record ConstructorArgument(string? Name, ArgType Type, ArgValue Value, bool IsNc = false);
