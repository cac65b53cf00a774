namespace YoloGen;

/// <summary>
/// How a <see cref="YoloModuleAttribute"/> module's output channels follow from its inputs and arguments. The
/// generator reads these values at build time; the numbers are part of the contract and never change.
/// </summary>
public enum ChannelRule
{
    /// <summary>As many channels as the (first) input: attention blocks such as SE, CBAM, ECA.</summary>
    SameAsInput = 0,

    /// <summary>
    /// Like Conv: the first YAML argument is the output channel count c2, scaled by the model's width and capped by
    /// max_channels; the constructor's first two parameters receive c1 (input channels) and the scaled c2.
    /// </summary>
    FirstArgScaled = 1,

    /// <summary>The sum of the inputs' channels (Concat-like; the module takes <c>Tensor[]</c>).</summary>
    SumOfInputs = 2,

    /// <summary>Constant channels, one per output, from <see cref="YoloModuleAttribute.OutputChannels"/>.</summary>
    Fixed = 3,
}
