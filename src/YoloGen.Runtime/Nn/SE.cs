using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Squeeze-and-excitation: s = mean over H, W; fc = Linear(c1→h) → ReLU → Linear(h→c1) → Sigmoid (no biases,
/// h = max(c1 / reduction, 1)); out = x·s per channel. Layout of the widely used PyTorch <c>SEAttention</c>,
/// so the state dict holds <c>fc.0.weight</c> [h, c1] and <c>fc.2.weight</c> [c1, h].
/// </summary>
public sealed partial class SE : nn.Module<Tensor, Tensor>
{
    private readonly Sequential fc;

    public SE(long c1, long reduction = 16) : base(nameof(SE))
    {
        if (reduction < 1) throw new ArgumentException($"SE reduction must be at least 1, got {reduction}", nameof(reduction));
        long h = Math.Max(c1 / reduction, 1);
        fc = nn.Sequential(nn.Linear(c1, h, hasBias: false), nn.ReLU(), nn.Linear(h, c1, hasBias: false), nn.Sigmoid());
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], c = x.shape[1];
        var s = fc.call(x.mean(new long[] { 2, 3 })).view(b, c, 1, 1);
        return (x * s).MoveToOuterDisposeScope();
    }
}
