namespace YoloGen;

/// <summary>
/// Makes a TorchSharp module usable by name in model YAML files of the project that defines it. The model
/// generator reads this attribute and the class's constructor at build time: YAML arguments are checked against
/// the constructor's parameters (count, types, defaults), and the declared rules give every output's channels and
/// stride, so wiring mistakes are build errors at the YAML node (docs/custom-modules.md).
/// </summary>
/// <remarks>
/// The class derives from <c>nn.Module&lt;Tensor, Tensor&gt;</c>; <c>Tensor[]</c> as input makes it multi-input
/// ('from' is a list), <c>Tensor[]</c> as output makes it multi-output: one YAML line then occupies one layer index
/// per output, declared with <see cref="OutputStrides"/>. A first constructor parameter named <c>c1</c> receives
/// the input channels (an integer array for a multi-input module); the YAML gives the remaining parameters in order.
/// Only these compile-time constants are read; nothing of the class runs at build time.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class YoloModuleAttribute : Attribute
{
    /// <param name="yamlName">The name YAML files use in the module column, e.g. <c>"CBAM"</c>.</param>
    public YoloModuleAttribute(string yamlName) => YamlName = yamlName;

    /// <summary>The module name in YAML.</summary>
    public string YamlName { get; }

    /// <summary>How the output channels follow (default: the same as the input).</summary>
    public ChannelRule Channels { get; set; } = ChannelRule.SameAsInput;

    /// <summary>
    /// Output stride over input stride of a single-output module: 1 keeps the resolution (default), 2 halves it
    /// (a stride-2 downsample), 0.5 doubles it (a 2× upsample). The result must stay a whole number of input pixels.
    /// </summary>
    public double Stride { get; set; } = 1;

    /// <summary>With <see cref="ChannelRule.Fixed"/>: the channels of each output (one entry per output).</summary>
    public int[]? OutputChannels { get; set; }

    /// <summary>
    /// For a multi-output module (<c>Tensor[]</c> output): one entry per output, its stride over the input's
    /// (e.g. <c>new[] { 8, 16, 32 }</c> for a backbone giving P3, P4, P5 of the image). The count of entries is the
    /// number of outputs, hence of layer indices the YAML line occupies.
    /// </summary>
    public int[]? OutputStrides { get; set; }
}
