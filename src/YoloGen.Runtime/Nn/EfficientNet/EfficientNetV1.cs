namespace YoloGen.Nn;

/// <summary>
/// EfficientNet B0…B7 backbone (YAML module <c>efficient</c>, args <c>[variant, widthMultiple, depthMultiple]</c>):
/// torchvision's <c>efficientnet_b*</c> <c>.features</c> with channels <c>MakeDivisible(c · w_variant · widthMultiple, 8)</c>
/// and repeats <c>ceil(n · d_variant · depthMultiple)</c>; outputs P1…P5, P5 = head conv (4 × last stage channels).
/// </summary>
public sealed class EfficientNetV1 : EfficientNetBackbone
{
    /// <param name="variant"><c>efficientnet-b0</c> … <c>efficientnet-b7</c> (or with '_').</param>
    /// <param name="widthMultiple">Extra channel multiplier on top of the variant's width coefficient.</param>
    /// <param name="depthMultiple">Extra repeat multiplier on top of the variant's depth coefficient.</param>
    public EfficientNetV1(string variant, double widthMultiple = 1.0, double depthMultiple = 1.0)
        : base(nameof(EfficientNetV1), EfficientNetSpec.Create(variant, widthMultiple, depthMultiple, v2: false))
    {
    }
}
