using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>DFL</c> (distribution focal loss integral): softmax over c1 bins per box side, then the expectation
/// through a frozen 1×1 conv whose weight is 0, 1, …, c1−1 (a parameter with requires_grad = false, as in the reference).
/// Input (B, 4·c1, A), output (B, 4, A).
/// </summary>
public sealed partial class DFL : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly long c1;

    public DFL(long c1 = 16) : base(nameof(DFL))
    {
        this.c1 = c1;
        conv = nn.Conv2d(c1, 1, 1, bias: false);
        using (no_grad())
            conv.weight = new Parameter(torch.arange(c1, dtype: ScalarType.Float32).view(1, c1, 1, 1), requires_grad: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        long b = x.shape[0], a = x.shape[2];
        return conv.call(x.view(b, 4, c1, a).transpose(2, 1).softmax(1)).view(b, 4, a);
    }
}
