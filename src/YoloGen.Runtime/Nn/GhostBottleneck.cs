using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>GhostBottleneck</c>: <c>conv</c> = GhostConv(c1→c2/2, 1×1) → [DWConv(k, s) when s = 2] → GhostConv(→c2,
/// no activation), plus <c>shortcut</c>: the input (s = 1) or DWConv(k, s) → Conv(1×1) without activations (s = 2).
/// </summary>
public sealed class GhostBottleneck : nn.Module<Tensor, Tensor>
{
    private readonly Sequential conv;
    private readonly Sequential? shortcut;

    public GhostBottleneck(long c1, long c2, long k = 3, long s = 1) : base(nameof(GhostBottleneck))
    {
        long hidden = c2 / 2;
        conv = nn.Sequential(
            new GhostConv(c1, hidden, 1, 1),
            s == 2 ? new DWConv(hidden, hidden, k, s, act: false) : nn.Identity(),
            new GhostConv(hidden, c2, 1, 1, act: false));
        // The reference's identity shortcut adds the input itself, which needs c1 = c2 (as there).
        shortcut = s == 2 ? nn.Sequential(new DWConv(c1, c1, k, s, act: false), new Conv(c1, c2, 1, 1, act: false)) : null;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var y = conv.call(x);
        if (shortcut is null)
        {
            if (!torch.is_grad_enabled()) return y.add_(x);
            using (y) return y + x;
        }
        using var skip = shortcut.call(x);
        if (!torch.is_grad_enabled()) return y.add_(skip);
        using (y) return y + skip;
    }
}
