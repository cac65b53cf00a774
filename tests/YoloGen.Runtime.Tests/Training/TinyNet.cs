using TorchSharp;
using YoloGen.Nn;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.Training;

/// <summary>A two-layer network with a conv weight, BN weight/bias and a plain bias: one parameter of each group.</summary>
internal sealed class TinyNet : nn.Module<Tensor, Tensor>
{
    private readonly Conv conv;
    private readonly TorchSharp.Modules.Conv2d head;

    public TinyNet() : base(nameof(TinyNet))
    {
        conv = new Conv(3, 4, 3, 1);
        head = nn.Conv2d(4, 2, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => head.forward(conv.forward(x));
}
