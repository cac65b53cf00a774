using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>C2f</c>: cv1 splits into two halves of c = c2·e channels, each block of <c>m</c> (a ModuleList)
/// extends the list from the last half, cv2 merges the (2 + n)·c channels.
/// </summary>
public partial class C2f : nn.Module<Tensor, Tensor>
{
    private readonly Conv cv1;
    private readonly Conv cv2;
    private readonly ModuleList<nn.Module<Tensor, Tensor>> m;

    public C2f(long c1, long c2, long n = 1, bool shortcut = false, long g = 1, double e = 0.5)
        : this(nameof(C2f), c1, c2, n, e, c => new Bottleneck(c, c, shortcut, g, (3, 3), 1.0)) { }

    /// <summary>For subclasses that swap the blocks (the reference replaces <c>m</c> after building C2f).</summary>
    protected C2f(string name, long c1, long c2, long n, double e, Func<long, nn.Module<Tensor, Tensor>> block) : base(name)
    {
        Hidden = (long)(c2 * e);
        cv1 = new Conv(c1, 2 * Hidden, 1, 1);
        cv2 = new Conv((2 + n) * Hidden, c2, 1);
        m = new ModuleList<nn.Module<Tensor, Tensor>>();
        for (long i = 0; i < n; i++) m.Add(block(Hidden));
        RegisterComponents();
    }

    /// <summary>Hidden channels c = int(c2·e).</summary>
    public long Hidden { get; }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope(); // frees the split, the blocks' outputs and their concatenation on return
        var y = new List<Tensor>(cv1.call(x).chunk(2, 1));
        foreach (var block in m) y.Add(block.call(y[^1]));
        return cv2.call(torch.cat(y, 1)).MoveToOuterDisposeScope();
    }
}
