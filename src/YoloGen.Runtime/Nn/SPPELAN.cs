using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>SPPELAN</c>: cv1 to c3 channels, three chained k×k max pools (stride 1, same size) cv2, cv3, cv4, and
/// cv5 over the four maps (4·c3 channels) to c2.
/// </summary>
public sealed class SPPELAN : nn.Module<Tensor, Tensor>
{
    private readonly Conv cv1;
    private readonly nn.Module<Tensor, Tensor> cv2;
    private readonly nn.Module<Tensor, Tensor> cv3;
    private readonly nn.Module<Tensor, Tensor> cv4;
    private readonly Conv cv5;

    public SPPELAN(long c1, long c2, long c3, long k = 5) : base(nameof(SPPELAN))
    {
        cv1 = new Conv(c1, c3, 1, 1);
        cv2 = nn.MaxPool2d(k, stride: 1, padding: k / 2);
        cv3 = nn.MaxPool2d(k, stride: 1, padding: k / 2);
        cv4 = nn.MaxPool2d(k, stride: 1, padding: k / 2);
        cv5 = new Conv(4 * c3, c2, 1, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope(); // frees the four maps and their concatenation on return
        var y1 = cv1.call(x);
        var y2 = cv2.call(y1);
        var y3 = cv3.call(y2);
        var y4 = cv4.call(y3);
        return cv5.call(torch.cat(new[] { y1, y2, y3, y4 }, 1)).MoveToOuterDisposeScope();
    }
}
