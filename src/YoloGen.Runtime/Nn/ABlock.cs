using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>ABlock</c> (YOLO12): x + attn(x) with an <see cref="AAttn"/>, then x + mlp(x) with
/// mlp = Conv(dim, int(dim·mlp_ratio)) → Conv(…, dim, no act).
/// </summary>
public sealed class ABlock : nn.Module<Tensor, Tensor>
{
    private readonly AAttn attn;
    private readonly Sequential mlp;

    public ABlock(long dim, long numHeads, double mlpRatio = 1.2, long area = 1) : base(nameof(ABlock))
    {
        attn = new AAttn(dim, numHeads, area);
        long hidden = (long)(dim * mlpRatio);
        mlp = nn.Sequential(new Conv(dim, hidden, 1), new Conv(hidden, dim, 1, act: false));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope(); // frees the attention and feed-forward intermediates on return
        x = x + attn.call(x);
        return (x + mlp.call(x)).MoveToOuterDisposeScope();
    }
}
