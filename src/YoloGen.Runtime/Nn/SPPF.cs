using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>Ultralytics <c>SPPF</c>: cv1 to c1/2 channels, three chained k×k max-pools (stride 1), cv2 over the four maps.</summary>
public sealed partial class SPPF : nn.Module<Tensor, Tensor>
{
    private readonly Conv cv1;
    private readonly Conv cv2;
    private readonly MaxPool2d m;

    public SPPF(long c1, long c2, long k = 5) : base(nameof(SPPF))
    {
        long hidden = c1 / 2;
        cv1 = new Conv(c1, hidden, 1, 1);
        cv2 = new Conv(hidden * 4, c2, 1, 1);
        m = nn.MaxPool2d(k, stride: 1, padding: k / 2);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope(); // frees the four maps and their concatenation on return
        var y = new Tensor[4];
        y[0] = cv1.call(x);
        for (int i = 1; i < 4; i++) y[i] = m.call(y[i - 1]);
        return cv2.call(torch.cat(y, 1)).MoveToOuterDisposeScope();
    }
}
