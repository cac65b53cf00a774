namespace YoloGen.Nn;

/// <summary>
/// EfficientNetV2 S/M/L backbone (YAML module <c>efficientnet_v2</c>, args <c>[variant, widthMultiple, depthMultiple]</c>):
/// torchvision's <c>efficientnet_v2_*</c> <c>.features</c> (FusedMBConv early stages, MBConv + SE later) with channels
/// <c>MakeDivisible(c · widthMultiple, 8)</c> and repeats <c>ceil(n · depthMultiple)</c>; outputs P1…P5,
/// P5 = head conv (<c>MakeDivisible(1280 · widthMultiple, 8)</c>).
/// </summary>
public sealed class EfficientNetV2 : EfficientNetBackbone
{
    /// <param name="variant"><c>efficientnet_v2_s</c>, <c>efficientnet_v2_m</c> or <c>efficientnet_v2_l</c> (or with '-').</param>
    /// <param name="widthMultiple">Extra channel multiplier applied to the fixed V2 table.</param>
    /// <param name="depthMultiple">Extra repeat multiplier applied to the fixed V2 table.</param>
    public EfficientNetV2(string variant, double widthMultiple = 1.0, double depthMultiple = 1.0)
        : base(nameof(EfficientNetV2), EfficientNetSpec.Create(variant, widthMultiple, depthMultiple, v2: true))
    {
    }
}
