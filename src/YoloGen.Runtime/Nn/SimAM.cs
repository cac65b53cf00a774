using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// SimAM, parameter-free attention. Per sample and channel, with n = H·W − 1: d = (x − mean(x))²,
/// v = Σd / n, e = d / (4 (v + λ)) + 0.5, out = x·sigmoid(e).
/// </summary>
public sealed partial class SimAM : nn.Module<Tensor, Tensor>
{
    private readonly double lambda;

    public SimAM(double lambda = 1e-4) : base(nameof(SimAM))
    {
        this.lambda = lambda;
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope(); // frees the squared deviations and the energy map on return
        long n = x.shape[2] * x.shape[3] - 1;
        var d = (x - x.mean(new long[] { 2, 3 }, keepdim: true)).pow(2);
        var v = d.sum(new long[] { 2, 3 }, keepdim: true) / n;
        var e = d / (4 * (v + lambda)) + 0.5;
        return (x * e.sigmoid()).MoveToOuterDisposeScope();
    }
}
