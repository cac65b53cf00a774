using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>Ultralytics <c>C3</c>: cv3(cat(m(cv1(x)), cv2(x))) with c_ = c2·e hidden channels; <c>m</c> is a Sequential.</summary>
public partial class C3 : nn.Module<Tensor, Tensor>
{
    private readonly Conv cv1;
    private readonly Conv cv2;
    private readonly Conv cv3;
    private readonly Sequential m;

    public C3(long c1, long c2, long n = 1, bool shortcut = true, long g = 1, double e = 0.5)
        : this(nameof(C3), c1, c2, n, e, c => new Bottleneck(c, c, shortcut, g, (1, 3), 1.0)) { }

    /// <summary>For subclasses that swap the blocks (the reference replaces <c>m</c> after building C3).</summary>
    protected C3(string name, long c1, long c2, long n, double e, Func<long, nn.Module<Tensor, Tensor>> block) : base(name)
    {
        long hidden = (long)(c2 * e);
        cv1 = new Conv(c1, hidden, 1, 1);
        cv2 = new Conv(c1, hidden, 1, 1);
        cv3 = new Conv(2 * hidden, c2, 1);
        m = nn.Sequential(Enumerable.Range(0, checked((int)n)).Select(_ => block(hidden)));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope(); // frees both branches and their concatenation on return
        return cv3.call(torch.cat(new[] { m.call(cv1.call(x)), cv2.call(x) }, 1)).MoveToOuterDisposeScope();
    }
}
