using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>PSA</c> (YOLOv10): cv1 splits into halves a, b of c = c1·e channels; b += attn(b) (an
/// <see cref="Attention"/> with max(c/64, 1) heads), b += ffn(b) (Conv(c, 2c) → Conv(2c, c, no act)); cv2 merges
/// cat(a, b) back to c1. Requires c1 = c2.
/// </summary>
public sealed class PSA : nn.Module<Tensor, Tensor>
{
    private readonly Conv cv1;
    private readonly Conv cv2;
    private readonly Attention attn;
    private readonly Sequential ffn;
    private readonly long c;

    public PSA(long c1, long c2, double e = 0.5) : base(nameof(PSA))
    {
        if (c1 != c2) throw new ArgumentException($"PSA needs c1 == c2, got {c1} and {c2}");
        c = (long)(c1 * e);
        cv1 = new Conv(c1, 2 * c, 1, 1);
        cv2 = new Conv(2 * c, c1, 1);
        attn = new Attention(c, Math.Max(c / 64, 1), 0.5);
        ffn = nn.Sequential(new Conv(c, c * 2, 1), new Conv(c * 2, c, 1, act: false));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope(); // frees the halves and the attention and feed-forward terms on return
        var ab = cv1.call(x).split(new[] { c, c }, 1);
        var b = ab[1] + attn.call(ab[1]);
        b = b + ffn.call(b);
        return cv2.call(torch.cat(new[] { ab[0], b }, 1)).MoveToOuterDisposeScope();
    }
}
