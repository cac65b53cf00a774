using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>RepVGGDW</c> (YOLOv10's large-kernel CIB): SiLU(conv(x) + conv1(x)) with depth-wise 7×7 (conv) and
/// 3×3 (conv1) <see cref="Conv"/>s without activation on ed channels. <see cref="Fuse"/> re-parameterises it into one
/// biased depth-wise 7×7 Conv2d (the 3×3 kernel zero-padded to 7×7 and added), as the reference's fused model has it:
/// the state dict becomes <c>conv.weight</c>, <c>conv.bias</c>.
/// </summary>
public sealed class RepVGGDW : nn.Module<Tensor, Tensor>, IFusable
{
    private nn.Module<Tensor, Tensor> conv;
    private Conv? conv1;
    private readonly SiLU act;
    private readonly long ed;

    public RepVGGDW(long ed) : base(nameof(RepVGGDW))
    {
        conv = new Conv(ed, ed, 7, 1, 3, g: ed, act: false);
        conv1 = new Conv(ed, ed, 3, 1, 1, g: ed, act: false);
        act = nn.SiLU();
        this.ed = ed;
        RegisterComponents();
    }

    public bool IsFused => conv1 is null;

    public override Tensor forward(Tensor x)
    {
        if (conv1 is null) using (var y = conv.call(x)) return act.call(y);
        using var scope = NewDisposeScope(); // frees both branches and their sum on return
        return act.call(conv.call(x) + conv1.call(x)).MoveToOuterDisposeScope();
    }

    /// <summary>Folds both batch norms, then the 3×3 branch into the 7×7 kernel (same centre, same padding). Idempotent.</summary>
    public void Fuse()
    {
        if (conv1 is null) return;
        var large = (Conv)conv;
        large.Fuse();
        conv1.Fuse();
        var fused = nn.Conv2d(ed, ed, 7, padding: 3, groups: ed, bias: true);
        using (no_grad())
        using (NewDisposeScope())
        {
            var weight = large.Conv2d.weight! + nn.functional.pad(conv1.Conv2d.weight!, new long[] { 2, 2, 2, 2 });
            var bias = large.Conv2d.bias! + conv1.Conv2d.bias!;
            fused.weight = new Parameter(weight.DetachFromDisposeScope(), requires_grad: false);
            fused.bias = new Parameter(bias.DetachFromDisposeScope(), requires_grad: false);
        }
        // Unregister both children before registering the replacement under the old name (order: conv, act).
        register_module("conv", null!);
        register_module("conv1", null!);
        large.Dispose();
        conv1.Dispose();
        conv1 = null;
        conv = fused;
        register_module("conv", fused);
    }
}
