using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>RepNCSPELAN4</c> (CSP-ELAN): cv1 to c3 channels, split in halves; cv2 = RepCSP(c3/2 → c4, n) → Conv 3×3
/// applied to the second half, cv3 = RepCSP(c4 → c4, n) → Conv 3×3 applied to that; cv4 over the four maps
/// (c3 + 2·c4 channels) to c2.
/// </summary>
public class RepNCSPELAN4 : nn.Module<Tensor, Tensor>
{
    private readonly Conv cv1;
    private readonly nn.Module<Tensor, Tensor> cv2;
    private readonly nn.Module<Tensor, Tensor> cv3;
    private readonly Conv cv4;

    public RepNCSPELAN4(long c1, long c2, long c3, long c4, long n = 1)
        : this(nameof(RepNCSPELAN4), c1, c2, c3, c4,
            nn.Sequential(new RepCSP(c3 / 2, c4, n), new Conv(c4, c4, 3, 1)),
            nn.Sequential(new RepCSP(c4, c4, n), new Conv(c4, c4, 3, 1))) { }

    /// <summary>For <see cref="ELAN1"/>, which keeps the wiring and replaces the two branches.</summary>
    protected RepNCSPELAN4(string name, long c1, long c2, long c3, long c4, nn.Module<Tensor, Tensor> cv2, nn.Module<Tensor, Tensor> cv3)
        : base(name)
    {
        cv1 = new Conv(c1, c3, 1, 1);
        this.cv2 = cv2;
        this.cv3 = cv3;
        cv4 = new Conv(c3 + 2 * c4, c2, 1, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope(); // frees the four maps and their concatenation on return
        var halves = cv1.call(x).chunk(2, 1);
        var y2 = cv2.call(halves[1]);
        var y3 = cv3.call(y2);
        return cv4.call(torch.cat(new[] { halves[0], halves[1], y2, y3 }, 1)).MoveToOuterDisposeScope();
    }
}
