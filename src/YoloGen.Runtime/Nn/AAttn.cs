using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>AAttn</c> (YOLO12's area attention): multi-head self-attention whose H·W positions (in row-major
/// order) are cut into <paramref name="area"/> equal runs that attend only within themselves; 1×1 qkv and proj
/// projections and a depth-wise 7×7 positional encoding (pe) of the values, none with activation. head_dim =
/// dim / num_heads. H·W must be divisible by area.
/// </summary>
public sealed class AAttn : nn.Module<Tensor, Tensor>
{
    private readonly Conv qkv;
    private readonly Conv proj;
    private readonly Conv pe;
    private readonly long area;
    private readonly long numHeads;
    private readonly long headDim;
    private readonly long allHeadDim;

    public AAttn(long dim, long numHeads, long area = 1) : base(nameof(AAttn))
    {
        if (numHeads < 1 || dim / numHeads < 1)
            throw new ArgumentOutOfRangeException(nameof(numHeads), numHeads, $"AAttn needs 1 ≤ num_heads ≤ dim ({dim})");
        this.area = area;
        this.numHeads = numHeads;
        headDim = dim / numHeads;
        allHeadDim = headDim * numHeads;
        qkv = new Conv(dim, allHeadDim * 3, 1, act: false);
        proj = new Conv(allHeadDim, dim, 1, act: false);
        pe = new Conv(allHeadDim, allHeadDim, 7, 1, 3, g: allHeadDim, act: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope(); // frees q, k, v, the attention map and the positional term on return
        long b = x.shape[0], h = x.shape[2], w = x.shape[3], n = h * w;
        long areas = area > 1 ? area : 1;
        if (n % areas != 0) throw new ArgumentException($"AAttn: {h}×{w} positions do not split into {area} areas");
        // [B, C, H, W] → [B·area, N/area, 3·C]: each area is a run of N/area consecutive positions.
        var tokens = qkv.call(x).flatten(2).transpose(1, 2).reshape(b * areas, n / areas, numHeads, headDim * 3);
        var parts = tokens.permute(0, 2, 3, 1).split(new[] { headDim, headDim, headDim }, 2); // each [B·area, heads, head_dim, N/area]
        Tensor q = parts[0], k = parts[1], v = parts[2];
        var attn = (q.transpose(-2, -1).matmul(k) * Math.Pow(headDim, -0.5)).softmax(-1);
        var y = v.matmul(attn.transpose(-2, -1));
        var maps = ToMaps(y, b, h, w) + pe.call(ToMaps(v, b, h, w));
        return proj.call(maps).MoveToOuterDisposeScope();
    }

    /// <summary>[B·area, heads, head_dim, N/area] → [B, heads·head_dim, H, W], positions back in row-major order.</summary>
    private Tensor ToMaps(Tensor t, long b, long h, long w) =>
        t.permute(0, 3, 1, 2).reshape(b, h, w, allHeadDim).permute(0, 3, 1, 2).contiguous();
}
