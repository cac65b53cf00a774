using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// PyTorch's <c>nn.ZeroPad2d(padding)</c> as a model file names it: one value pads all four sides, four values are
/// (left, right, top, bottom). Channels pass through.
/// </summary>
public sealed class ZeroPad2d : nn.Module<Tensor, Tensor>
{
    private readonly long[] pad;

    public ZeroPad2d(long[] padding) : base(nameof(ZeroPad2d))
    {
        ArgumentNullException.ThrowIfNull(padding);
        pad = padding.Length switch
        {
            1 => [padding[0], padding[0], padding[0], padding[0]],
            4 => (long[])padding.Clone(),
            _ => throw new ArgumentException($"ZeroPad2d takes one value or four (left, right, top, bottom), got {padding.Length}", nameof(padding)),
        };
    }

    public ZeroPad2d(long padding) : this([padding]) { }

    /// <summary>(left, right, top, bottom).</summary>
    public IReadOnlyList<long> Padding => pad;

    public override Tensor forward(Tensor x) => nn.functional.pad(x, pad);
}
