using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// torchvision's EfficientNetV2 <c>FusedMBConv</c> block: <c>block</c> = k×k conv to the expanded width (stride) then
/// 1×1 project without activation, or a single k×k conv with activation when the ratio is 1; no squeeze-excitation.
/// Residual as in <see cref="EfficientNetBlock"/>.
/// </summary>
public sealed class FusedMBConv : EfficientNetBlock
{
    public FusedMBConv(long c1, long c2, int expandRatio, long kernel, long stride, double stochasticDepthProb, double bnEps, double bnMomentum)
        : base(nameof(FusedMBConv), c1, c2, stride, stochasticDepthProb, Layers(c1, c2, expandRatio, kernel, stride, bnEps, bnMomentum))
    {
    }

    private static Sequential Layers(long c1, long c2, int expandRatio, long kernel, long stride, double eps, double momentum)
    {
        long expanded = Expanded(c1, expandRatio, stride, nameof(FusedMBConv));
        return expanded != c1
            ? nn.Sequential(
                ("0", ConvNormActivation.Create(c1, expanded, kernel, stride, 1, true, eps, momentum)),
                ("1", ConvNormActivation.Create(expanded, c2, 1, 1, 1, false, eps, momentum)))
            : nn.Sequential(("0", ConvNormActivation.Create(c1, c2, kernel, stride, 1, true, eps, momentum)));
    }
}
