using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>SPPF</c>: cv1 to c1/2 channels, <paramref name="n"/> chained k×k max-pools (stride 1), cv2 over the
/// n + 1 maps, plus the input when <paramref name="shortcut"/> and c1 = c2.
/// </summary>
/// <remarks>
/// The reference changed cv1 in 8.4.0: 8.3 applies SiLU after it, 8.4 builds it without activation. Checkpoints keep
/// the activation they were trained with, so the choice is a constructor argument, <paramref name="cv1Act"/>, which is
/// not a reference parameter: <c>false</c> for 8.4 semantics, <c>true</c> for 8.3. It does not change the state dict.
/// </remarks>
public sealed partial class SPPF : nn.Module<Tensor, Tensor>
{
    private readonly Conv cv1;
    private readonly Conv cv2;
    private readonly TorchSharp.Modules.MaxPool2d m; // qualified: YoloGen.Nn.MaxPool2d is the model-file module
    private readonly long n;
    private readonly bool add;

    /// <param name="cv1Act">SiLU after cv1 (reference 8.3) or none (reference 8.4). Defaults to 8.3 until the generated code passes it.</param>
    public SPPF(long c1, long c2, long k = 5, long n = 3, bool shortcut = false, bool cv1Act = true) : base(nameof(SPPF))
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "SPPF needs at least one pooling step");
        long hidden = c1 / 2;
        cv1 = new Conv(c1, hidden, 1, 1, act: cv1Act);
        cv2 = new Conv(hidden * (n + 1), c2, 1, 1);
        m = nn.MaxPool2d(k, stride: 1, padding: k / 2);
        this.n = n;
        add = shortcut && c1 == c2;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope(); // frees the pooled maps and their concatenation on return
        var y = new Tensor[n + 1];
        y[0] = cv1.call(x);
        for (long i = 1; i <= n; i++) y[i] = m.call(y[i - 1]);
        var output = cv2.call(torch.cat(y, 1));
        return (add ? output + x : output).MoveToOuterDisposeScope();
    }
}
