using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// torchvision's EfficientNet <c>MBConv</c> block: <c>block</c> = [1×1 expand (absent when the expanded width equals
/// the input)], k×k depthwise (stride), squeeze-excitation (max(1, c1 / 4) channels), 1×1 project without activation;
/// residual as in <see cref="EfficientNetBlock"/>.
/// </summary>
public sealed class MBConv : EfficientNetBlock
{
    public MBConv(long c1, long c2, int expandRatio, long kernel, long stride, double stochasticDepthProb, double bnEps, double bnMomentum)
        : base(nameof(MBConv), c1, c2, stride, stochasticDepthProb, Layers(c1, c2, expandRatio, kernel, stride, bnEps, bnMomentum))
    {
    }

    private static Sequential Layers(long c1, long c2, int expandRatio, long kernel, long stride, double eps, double momentum)
    {
        long expanded = Expanded(c1, expandRatio, stride, nameof(MBConv));
        var layers = new List<nn.Module<Tensor, Tensor>>();
        if (expanded != c1)
            layers.Add(ConvNormActivation.Create(c1, expanded, 1, 1, 1, true, eps, momentum));
        layers.Add(ConvNormActivation.Create(expanded, expanded, kernel, stride, expanded, true, eps, momentum));
        layers.Add(new SqueezeExcitation(expanded, Math.Max(1, c1 / 4)));
        layers.Add(ConvNormActivation.Create(expanded, c2, 1, 1, 1, false, eps, momentum));
        return nn.Sequential(layers.Select((m, i) => (i.ToString(), m)));
    }
}
