using TorchSharp;
using TorchSharp.Modules;
using YoloGen;
using static TorchSharp.torch;

namespace QuickStart;

/// <summary>
/// Efficient channel attention (ECA-Net): a 1-D convolution of kernel <c>k</c> across the channels' global means
/// gives each channel a sigmoid gate. Usable in this project's model YAML as <c>[-1, 1, ECA, [k]]</c>: the
/// generator passes the input channels as <c>c1</c>, and the output keeps the input's channels and stride.
/// </summary>
[YoloModule("ECA")]
public sealed class Eca : nn.Module<Tensor, Tensor>
{
    private readonly Conv1d conv;

    public Eca(long c1, int k = 3) : base("ECA")
    {
        conv = nn.Conv1d(1, 1, k, padding: k / 2, bias: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], c = x.shape[1];
        var gate = conv.call(x.mean([2, 3]).view(b, 1, c)).sigmoid().view(b, c, 1, 1);
        return (x * gate).MoveToOuterDisposeScope();
    }
}
