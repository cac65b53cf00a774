using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>SCDown</c> (YOLOv10's down-sampling): a point-wise cv1 to c2 channels, then a depth-wise k×k cv2 with
/// stride s and no activation.
/// </summary>
public sealed class SCDown : nn.Module<Tensor, Tensor>
{
    private readonly Conv cv1;
    private readonly Conv cv2;

    public SCDown(long c1, long c2, long k, long s) : base(nameof(SCDown))
    {
        cv1 = new Conv(c1, c2, 1, 1);
        cv2 = new Conv(c2, c2, k, s, g: c2, act: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var hidden = cv1.call(x);
        return cv2.call(hidden);
    }
}
