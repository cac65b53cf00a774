using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>A2C2f</c> (YOLO12): cv1 to c_ = c2·e channels (a multiple of 32), n blocks each extending the list
/// from the last map — Sequential of two <see cref="ABlock"/>(c_, c_/32 heads, mlp_ratio, area) when
/// <paramref name="a2"/>, else <see cref="C3k"/>(c_, c_, 2, shortcut, g) — and cv2 over the (1 + n)·c_ channels.
/// With a2 and <paramref name="residual"/> (the reference's parser adds <c>residual = True, mlp_ratio = 1.2</c> at the
/// l and x scales) the output is x + γ·cv2(…), with a learnable per-channel γ (parameter <c>gamma</c>, initially 0.01);
/// that needs c1 = c2.
/// </summary>
public sealed class A2C2f : nn.Module<Tensor, Tensor>
{
    private readonly Conv cv1;
    private readonly Conv cv2;
    private readonly Parameter? gamma;
    private readonly ModuleList<nn.Module<Tensor, Tensor>> m;

    public A2C2f(long c1, long c2, long n = 1, bool a2 = true, long area = 1, bool residual = false, double mlpRatio = 2.0,
        double e = 0.5, long g = 1, bool shortcut = true) : base(nameof(A2C2f))
    {
        long hidden = (long)(c2 * e);
        if (hidden % 32 != 0) throw new ArgumentException($"A2C2f: the hidden width c2·e = {hidden} must be a multiple of 32");
        if (a2 && residual && c1 != c2) throw new ArgumentException($"A2C2f with residual needs c1 == c2, got {c1} and {c2}");
        cv1 = new Conv(c1, hidden, 1, 1);
        cv2 = new Conv((1 + n) * hidden, c2, 1);
        if (a2 && residual) gamma = new Parameter(torch.ones(c2) * 0.01);
        m = new ModuleList<nn.Module<Tensor, Tensor>>();
        for (long i = 0; i < n; i++)
        {
            m.Add(a2
                ? nn.Sequential(new ABlock(hidden, hidden / 32, mlpRatio, area), new ABlock(hidden, hidden / 32, mlpRatio, area))
                : new C3k(hidden, hidden, 2, shortcut, g));
        }
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope(); // frees the blocks' outputs and their concatenation on return
        var y = new List<Tensor> { cv1.call(x) };
        foreach (var block in m) y.Add(block.call(y[^1]));
        var output = cv2.call(torch.cat(y, 1));
        if (gamma is not null) output = x + gamma.view(1, -1, 1, 1) * output;
        return output.MoveToOuterDisposeScope();
    }
}
