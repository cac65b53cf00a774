using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>Ultralytics <c>Concat</c>: concatenates its inputs along one dimension (channels by default).</summary>
public sealed partial class Concat : nn.Module<Tensor[], Tensor>
{
    private readonly long d;

    public Concat(long dimension = 1) : base(nameof(Concat))
    {
        d = dimension;
    }

    public override Tensor forward(Tensor[] x) => torch.cat(x, d);
}
