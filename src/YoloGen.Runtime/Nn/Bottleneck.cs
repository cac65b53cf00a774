using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>Ultralytics <c>Bottleneck</c>: cv1 (k[0]) → cv2 (k[1], groups g), plus the input when shortcut and c1 = c2.</summary>
public partial class Bottleneck : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> cv1;
    private readonly Conv cv2;
    private readonly bool add;

    public Bottleneck(long c1, long c2, bool shortcut = true, long g = 1, (long, long)? k = null, double e = 0.5)
        : this(nameof(Bottleneck), c1, c2, shortcut, g, k, e, (hidden, k1) => new Conv(c1, hidden, k1, 1)) { }

    /// <summary>For subclasses that swap cv1 (given the hidden channels c2·e and the kernel k[0]).</summary>
    protected Bottleneck(string name, long c1, long c2, bool shortcut, long g, (long, long)? k, double e,
        Func<long, long, nn.Module<Tensor, Tensor>> first) : base(name)
    {
        var (k1, k2) = k ?? (3, 3);
        long hidden = (long)(c2 * e);
        cv1 = first(hidden, k1);
        cv2 = new Conv(hidden, c2, k2, 1, g: g);
        add = shortcut && c1 == c2;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        Tensor y;
        using (var hidden = cv1.call(x)) y = cv2.call(hidden);
        if (!add) return y;
        if (!torch.is_grad_enabled()) return y.add_(x); // y is this block's own buffer; without autograd it can take the sum
        using (y) return x + y;
    }
}
