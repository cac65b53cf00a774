using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>Conv</c>: Conv2d (no bias) → BatchNorm2d (eps 1e-3, momentum 0.03) → the default activation (or
/// identity). The default is SiLU unless a <see cref="DefaultActivation"/> scope is open on this thread: the
/// reference's <c>Conv.default_act</c>, which a model file's <c>activation:</c> key sets for every Conv built while
/// the model is parsed, nested ones included. Children <c>conv</c>, <c>bn</c>, <c>act</c>, as in the reference. After <see cref="Fuse"/> the batch norm is folded
/// into the convolution (which then has a bias) and <c>bn</c> is gone, exactly like the reference's fused model.
/// </summary>
public partial class Conv : nn.Module<Tensor, Tensor>, IFusable
{
    public const double BatchNormEps = 1e-3;
    public const double BatchNormMomentum = 0.03;

    [ThreadStatic] private static Activation? ambientActivation;

    private readonly Conv2d conv;
    private BatchNorm2d? bn;
    private readonly nn.Module<Tensor, Tensor> act;

    public Conv(long c1, long c2, long k = 1, long s = 1, long? p = null, long g = 1, long d = 1, bool act = true)
        : this(nameof(Conv), c1, c2, k, s, p, g, d, act) { }

    protected Conv(string name, long c1, long c2, long k, long s, long? p, long g, long d, bool act) : base(name)
    {
        conv = nn.Conv2d(c1, c2, k, stride: s, padding: Autopad.Of(k, p, d), dilation: d, groups: g, bias: false);
        bn = nn.BatchNorm2d(c2, eps: BatchNormEps, momentum: BatchNormMomentum);
        this.act = act ? CurrentDefaultActivation.Create() : nn.Identity();
        RegisterComponents();
    }

    /// <summary>The activation a Conv built now with <c>act: true</c> gets on this thread (SiLU outside any scope).</summary>
    public static Activation CurrentDefaultActivation => ambientActivation ?? Activation.SiLU;

    /// <summary>
    /// Makes <paramref name="activation"/> the default of every Conv built on this thread until the returned scope is
    /// disposed, which restores the previous default (scopes nest). Unlike the reference's class attribute, the setting
    /// does not outlive the model being built.
    /// </summary>
    public static IDisposable DefaultActivation(Activation activation)
    {
        ArgumentNullException.ThrowIfNull(activation);
        var scope = new ActivationScope(ambientActivation);
        ambientActivation = activation;
        return scope;
    }

    private sealed class ActivationScope(Activation? previous) : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            ambientActivation = previous;
        }
    }

    /// <summary>The convolution (after fusing it carries the batch norm's scale and shift).</summary>
    public Conv2d Conv2d => conv;

    /// <summary>The batch norm, or null once fused.</summary>
    public BatchNorm2d? BatchNorm => bn;

    public bool IsFused => bn is null;

    public override Tensor forward(Tensor x)
    {
        var y = conv.call(x);
        if (bn is not null) y = Replace(y, bn.call(y));
        // Without autograd nothing needs the pre-activation values: SiLU overwrites them (one buffer, not two).
        if (act is SiLU && !torch.is_grad_enabled()) return y.silu_();
        return Replace(y, act.call(y));
    }

    /// <summary>Disposes an intermediate as soon as the next one exists (autograd keeps its own reference when it needs it).</summary>
    private static Tensor Replace(Tensor intermediate, Tensor next)
    {
        if (!ReferenceEquals(intermediate, next)) intermediate.Dispose();
        return next;
    }

    /// <summary>
    /// Folds the batch norm into the convolution: w' = w·γ/√(σ²+ε), b' = β − μ·γ/√(σ²+ε) (+ the old bias, scaled).
    /// Uses the running statistics, so the result equals the eval-mode output. Idempotent.
    /// </summary>
    public void Fuse()
    {
        if (bn is null) return;
        using (no_grad())
        using (NewDisposeScope())
        {
            var scale = bn.weight / (bn.running_var! + bn.eps).sqrt();
            var weight = conv.weight * scale.view(-1, 1, 1, 1);
            var shift = bn.bias! - bn.running_mean! * scale;
            if (conv.bias is not null) shift = shift + conv.bias * scale;
            conv.weight = new Parameter(weight.DetachFromDisposeScope(), requires_grad: false);
            conv.bias = new Parameter(shift.DetachFromDisposeScope(), requires_grad: false);
        }
        register_module("bn", null!); // unregisters the child, so its tensors leave the state dict
        bn.Dispose();
        bn = null;
    }
}
