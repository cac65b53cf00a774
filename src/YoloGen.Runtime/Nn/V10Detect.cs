using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>v10Detect</c>: an end-to-end <see cref="Detect"/> (reg_max 16) whose class branches are lighter,
/// Sequential(Conv(x, x, 3, g: x), Conv(x, c3, 1)) → Sequential(Conv(c3, c3, 3, g: c3), Conv(c3, c3, 1)) →
/// Conv2d(c3, nc, 1), in both the one-to-many and the one-to-one copy.
/// </summary>
public sealed class V10Detect : Detect
{
    /// <param name="nc">Number of classes.</param>
    /// <param name="ch">Channels of each input level.</param>
    /// <param name="strides">Stride of each input level.</param>
    /// <param name="boxBias">The box branches' initial bias.</param>
    public V10Detect(long nc, long[] ch, int[] strides, double boxBias = 2.0)
        : base("v10Detect", nc, Detect.DefaultRegMax, true, ch, strides, LightClassBranch, boxBias) { }

    private static Sequential LightClassBranch(long x, long c3, long nc) => nn.Sequential(
        nn.Sequential(new Conv(x, x, 3, g: x), new Conv(x, c3, 1)),
        nn.Sequential(new Conv(c3, c3, 3, g: c3), new Conv(c3, c3, 1)),
        nn.Conv2d(c3, nc, 1));
}
