using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>SPPF</c> (8.4 form): cv1 to c1/2 channels, n chained k×k max-pools (stride 1), cv2 over the n + 1
/// maps, plus the input when <paramref name="shortcut"/> and c1 = c2. cv1 has no activation from 8.4 on; before, it
/// applied the default one (<paramref name="cv1Act"/>, from <c>ReferenceRules.SppfCv1Activation</c>).
/// </summary>
public sealed class SPPF : nn.Module<Tensor, Tensor>
{
    private readonly Conv cv1;
    private readonly Conv cv2;
    private readonly MaxPool2d m;
    private readonly long n;
    private readonly bool add;

    public SPPF(long c1, long c2, long k = 5, long n = 3, bool shortcut = false, bool cv1Act = false) : base(nameof(SPPF))
    {
        if (n < 1) throw new ArgumentException($"SPPF needs at least one pooling, got n = {n}", nameof(n));
        long hidden = c1 / 2;
        cv1 = new Conv(c1, hidden, 1, 1, act: cv1Act);
        cv2 = new Conv(hidden * (n + 1), c2, 1, 1);
        m = nn.MaxPool2d(k, stride: 1, padding: k / 2);
        this.n = n;
        add = shortcut && c1 == c2;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope(); // frees the pooled maps and their concatenation on return
        var y = new Tensor[n + 1];
        y[0] = cv1.call(x);
        for (long i = 1; i <= n; i++) y[i] = m.call(y[i - 1]);
        var result = cv2.call(torch.cat(y, 1));
        return (add ? result + x : result).MoveToOuterDisposeScope();
    }
}
