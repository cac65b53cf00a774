using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>SPP</c>: cv1 to c1/2 channels, max-pools of each kernel in <c>k</c> (stride 1, same size) side by
/// side, cv2 over the input and the pooled maps (c1/2·(|k|+1) channels). <c>k</c> null means the reference's (5, 9, 13).
/// </summary>
public sealed class SPP : nn.Module<Tensor, Tensor>
{
    private readonly Conv cv1;
    private readonly Conv cv2;
    private readonly ModuleList<nn.Module<Tensor, Tensor>> m;

    public SPP(long c1, long c2, long[]? k = null) : base(nameof(SPP))
    {
        k ??= [5, 9, 13];
        if (k.Length == 0 || k.Any(x => x < 1 || x % 2 == 0))
            throw new ArgumentException($"SPP kernels must be odd and positive, got [{string.Join(", ", k)}]", nameof(k));
        long hidden = c1 / 2;
        cv1 = new Conv(c1, hidden, 1, 1);
        cv2 = new Conv(hidden * (k.Length + 1), c2, 1, 1);
        m = nn.ModuleList(k.Select(x => (nn.Module<Tensor, Tensor>)nn.MaxPool2d(x, stride: 1, padding: x / 2)).ToArray());
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope(); // frees the pooled maps and their concatenation on return
        var y = cv1.call(x);
        var maps = new List<Tensor> { y };
        foreach (var pool in m) maps.Add(pool.call(y));
        return cv2.call(torch.cat(maps, 1)).MoveToOuterDisposeScope();
    }
}
