using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>ELAN1</c>: the <see cref="RepNCSPELAN4"/> wiring with plain 3×3 Convs as branches: cv1 to c3, halves;
/// cv2 = Conv(c3/2 → c4, 3×3) on the second half, cv3 = Conv(c4 → c4, 3×3) on that; cv4 over c3 + 2·c4 channels to c2.
/// </summary>
public sealed class ELAN1 : RepNCSPELAN4
{
    public ELAN1(long c1, long c2, long c3, long c4)
        : base(nameof(ELAN1), c1, c2, c3, c4, new Conv(c3 / 2, c4, 3, 1), new Conv(c4, c4, 3, 1)) { }
}
