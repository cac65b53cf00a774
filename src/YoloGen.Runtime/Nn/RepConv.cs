using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>RepConv</c> (RepVGG-style): act(conv1(x) + conv2(x) [+ bn(x)]) with conv1 a 3×3 Conv and conv2 a 1×1
/// Conv (both with batch norm, no activation) and the optional identity branch <c>bn</c> (a BatchNorm2d of the input,
/// when <paramref name="bn"/> and c1 = c2 and s = 1). <see cref="Fuse"/> re-parameterises the branches into the single
/// 3×3 convolution <c>conv</c> (with bias), as the reference's <c>fuse_convs</c>. The activation is SiLU (act true)
/// whatever <see cref="Conv.DefaultActivation"/> says: the reference keeps a separate default for RepConv.
/// <paramref name="d"/> and <paramref name="deploy"/> are accepted and unused, as in the reference.
/// </summary>
public sealed class RepConv : nn.Module<Tensor, Tensor>, IFusable
{
    private readonly nn.Module<Tensor, Tensor> act;
    private BatchNorm2d? bn;
    private Conv? conv1;
    private Conv? conv2;
    private Conv2d? conv;
    private readonly long c1;
    private readonly long c2;
    private readonly long s;
    private readonly long g;

    public RepConv(long c1, long c2, long k = 3, long s = 1, long p = 1, long g = 1, long d = 1, bool act = true, bool bn = false, bool deploy = false)
        : base(nameof(RepConv))
    {
        if (k != 3 || p != 1) throw new ArgumentException($"RepConv needs k = 3 and p = 1 (as the reference), got k = {k}, p = {p}");
        this.c1 = c1;
        this.c2 = c2;
        this.s = s;
        this.g = g;
        this.act = act ? nn.SiLU() : nn.Identity();
        this.bn = bn && c2 == c1 && s == 1 ? nn.BatchNorm2d(c1, eps: Conv.BatchNormEps, momentum: Conv.BatchNormMomentum) : null;
        // Like the reference, neither branch takes the dilation d.
        conv1 = new Conv(c1, c2, k, s, p, g, act: false);
        conv2 = new Conv(c1, c2, 1, s, p - k / 2, g, act: false);
        RegisterComponents();
    }

    public bool IsFused => conv is not null;

    public override Tensor forward(Tensor x)
    {
        if (conv is not null) return Activate(conv.call(x));
        var y = conv1!.call(x);
        using (var one = conv2!.call(x)) y = Accumulate(y, one);
        if (bn is not null)
            using (var identity = bn.call(x)) y = Accumulate(y, identity);
        return Activate(y);
    }

    private static Tensor Accumulate(Tensor sum, Tensor term)
    {
        if (!torch.is_grad_enabled()) return sum.add_(term);
        using (sum) return sum + term;
    }

    private Tensor Activate(Tensor y)
    {
        if (act is SiLU && !torch.is_grad_enabled()) return y.silu_();
        var result = act.call(y);
        if (!ReferenceEquals(result, y)) y.Dispose();
        return result;
    }

    /// <summary>
    /// One 3×3 convolution equal to the three branches in eval mode: each branch's batch norm is folded into its kernel,
    /// the 1×1 kernel is zero-padded to 3×3 and the identity branch becomes a centred one-hot kernel. Idempotent.
    /// </summary>
    public void Fuse()
    {
        if (conv is not null) return;
        var first = conv1!;
        var second = conv2!;
        first.Fuse();
        second.Fuse();
        using (no_grad())
        using (NewDisposeScope())
        {
            var kernel = first.Conv2d.weight! + nn.functional.pad(second.Conv2d.weight!, [1, 1, 1, 1]);
            var bias = first.Conv2d.bias! + second.Conv2d.bias!;
            if (bn is not null)
            {
                var scale = bn.weight / (bn.running_var! + bn.eps).sqrt();
                kernel = kernel + IdentityKernel(kernel) * scale.view(-1, 1, 1, 1);
                bias = bias + bn.bias! - bn.running_mean! * scale;
            }
            conv = nn.Conv2d(c1, c2, 3, stride: s, padding: 1, groups: g, bias: true, dtype: kernel.dtype, device: kernel.device);
            conv.weight = new Parameter(kernel.DetachFromDisposeScope(), requires_grad: false);
            conv.bias = new Parameter(bias.DetachFromDisposeScope(), requires_grad: false);
        }
        // Unregister the branches so their tensors leave the state dict (the reference deletes them); the fused
        // convolution is the module's only child with weights, named conv.
        register_module("conv1", null!);
        register_module("conv2", null!);
        if (bn is not null) register_module("bn", null!);
        register_module("conv", conv);
        conv1 = null;
        conv2 = null;
        bn = null;
    }

    /// <summary>The 3×3 kernel of x ↦ x per group: 1 at the centre of channel i's own input (i mod c1/g).</summary>
    private Tensor IdentityKernel(Tensor like)
    {
        long perGroup = c1 / g;
        var kernel = zeros(c1, perGroup, 3, 3, dtype: like.dtype, device: like.device);
        for (long i = 0; i < c1; i++) kernel[i, i % perGroup, 1, 1] = 1.0;
        return kernel;
    }
}
