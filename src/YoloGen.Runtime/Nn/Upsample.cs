using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>PyTorch's <c>nn.Upsample(size, scale_factor, mode)</c>: to a fixed output size, or by a scale factor.</summary>
public sealed partial class Upsample : nn.Module<Tensor, Tensor>
{
    private readonly long? size;
    private readonly double scaleFactor;
    private readonly InterpolationMode mode;

    public Upsample(long? size = null, double scaleFactor = 2, string mode = "nearest") : base(nameof(Upsample))
    {
        if (size is < 1) throw new ArgumentException($"Upsample size must be positive, got {size}", nameof(size));
        this.size = size;
        this.scaleFactor = scaleFactor;
        this.mode = mode switch
        {
            "nearest" => InterpolationMode.Nearest,
            "bilinear" => InterpolationMode.Bilinear,
            "bicubic" => InterpolationMode.Bicubic,
            "nearest-exact" => InterpolationMode.NearestExact,
            _ => throw new ArgumentException($"Upsample mode '{mode}' is not supported (nearest, nearest-exact, bilinear, bicubic)", nameof(mode)),
        };
    }

    public override Tensor forward(Tensor x) => size is { } s
        ? nn.functional.interpolate(x, size: new[] { s, s }, mode: mode)
        : nn.functional.interpolate(x, scale_factor: new[] { scaleFactor, scaleFactor }, mode: mode);
}
