using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>Ultralytics <c>PSABlock</c>: x + attn(x), then x + ffn(x) (ffn = Conv(c, 2c) → Conv(2c, c, no act)).</summary>
public sealed partial class PSABlock : nn.Module<Tensor, Tensor>
{
    private readonly Attention attn;
    private readonly Sequential ffn;
    private readonly bool add;

    public PSABlock(long c, double attnRatio = 0.5, long numHeads = 4, bool shortcut = true) : base(nameof(PSABlock))
    {
        attn = new Attention(c, numHeads, attnRatio);
        ffn = nn.Sequential(new Conv(c, c * 2, 1), new Conv(c * 2, c, 1, act: false));
        add = shortcut;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope(); // frees the attention and feed-forward intermediates on return
        x = add ? x + attn.call(x) : attn.call(x);
        return (add ? x + ffn.call(x) : ffn.call(x)).MoveToOuterDisposeScope();
    }
}
