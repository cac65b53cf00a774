using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>The smoothing step of the YOLOv9 downsamplers (AConv, ADown).</summary>
internal static class AveragePool
{
    private static readonly long[] Two = [2, 2];
    private static readonly long[] One = [1, 1];
    private static readonly long[] Zero = [0, 0];

    /// <summary>avg_pool2d(x, 2, stride 1, no padding): one pixel smaller each way.</summary>
    public static Tensor TwoByTwo(Tensor x) =>
        nn.functional.avg_pool2d(x, Two, One, Zero, ceil_mode: false, count_include_pad: true);
}
