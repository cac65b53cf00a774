using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>GhostConv</c>: cv1 (k×k, stride s, groups g) to c2/2 channels, cv2 a cheap 5×5 depth-wise Conv of
/// that, output the two side by side (2·(c2/2) channels).
/// </summary>
public sealed class GhostConv : nn.Module<Tensor, Tensor>
{
    private readonly Conv cv1;
    private readonly Conv cv2;

    public GhostConv(long c1, long c2, long k = 1, long s = 1, long g = 1, bool act = true) : base(nameof(GhostConv))
    {
        long hidden = c2 / 2;
        cv1 = new Conv(c1, hidden, k, s, null, g, act: act);
        cv2 = new Conv(hidden, hidden, 5, 1, null, hidden, act: act);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var y = cv1.call(x);
        using var cheap = cv2.call(y);
        return torch.cat(new[] { y, cheap }, 1);
    }
}
