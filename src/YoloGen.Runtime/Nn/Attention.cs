using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>Attention</c> (used by PSABlock): multi-head self-attention over the H·W positions with 1×1 conv
/// projections (qkv, proj, no activation) and a depth-wise 3×3 positional encoding (pe) of the values.
/// </summary>
public sealed partial class Attention : nn.Module<Tensor, Tensor>
{
    private readonly Conv qkv;
    private readonly Conv proj;
    private readonly Conv pe;
    private readonly long numHeads;
    private readonly long headDim;
    private readonly long keyDim;
    private readonly double scale;

    public Attention(long dim, long numHeads = 8, double attnRatio = 0.5) : base(nameof(Attention))
    {
        this.numHeads = numHeads;
        headDim = dim / numHeads;
        keyDim = (long)(headDim * attnRatio);
        scale = Math.Pow(keyDim, -0.5);
        long h = dim + keyDim * numHeads * 2;
        qkv = new Conv(dim, h, 1, act: false);
        proj = new Conv(dim, dim, 1, act: false);
        pe = new Conv(dim, dim, 3, 1, g: dim, act: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope(); // frees q, k, v, the attention map and the positional term on return
        long b = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        var parts = qkv.call(x).reshape(b, numHeads, keyDim * 2 + headDim, h * w).split(new[] { keyDim, keyDim, headDim }, 2);
        Tensor q = parts[0], k = parts[1], v = parts[2];
        var attn = (q.transpose(-2, -1).matmul(k) * scale).softmax(-1);
        var y = v.matmul(attn.transpose(-2, -1)).view(b, c, h, w) + pe.call(v.reshape(b, c, h, w));
        return proj.call(y).MoveToOuterDisposeScope();
    }
}
