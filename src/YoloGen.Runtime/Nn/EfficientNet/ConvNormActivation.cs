using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// torchvision's <c>Conv2dNormActivation</c>: a Sequential of "0" Conv2d (no bias, "same" padding), "1" BatchNorm2d
/// and, when <paramref name="activation"/> is true, "2" SiLU, so parameter names match torchvision's.
/// </summary>
internal static class ConvNormActivation
{
    public static Sequential Create(long c1, long c2, long kernel, long stride, long groups, bool activation, double bnEps, double bnMomentum)
    {
        var conv = nn.Conv2d(c1, c2, kernel, stride: stride, padding: (kernel - 1) / 2, groups: groups, bias: false);
        // torchvision's init: Kaiming normal with fan_out for convolutions, BatchNorm at weight 1, bias 0 (TorchSharp's default).
        using (no_grad()) nn.init.kaiming_normal_(conv.weight, mode: nn.init.FanInOut.FanOut);
        var bn = nn.BatchNorm2d(c2, eps: bnEps, momentum: bnMomentum);
        return activation
            ? nn.Sequential(("0", conv), ("1", bn), ("2", nn.SiLU()))
            : nn.Sequential(("0", conv), ("1", bn));
    }
}
