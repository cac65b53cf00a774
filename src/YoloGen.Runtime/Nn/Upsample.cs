using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>PyTorch's <c>nn.Upsample(size=None, scale_factor, mode)</c> as the reference YAML uses it.</summary>
public sealed partial class Upsample : nn.Module<Tensor, Tensor>
{
    private readonly double scaleFactor;
    private readonly InterpolationMode mode;

    public Upsample(double scaleFactor = 2, string mode = "nearest") : base(nameof(Upsample))
    {
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

    public override Tensor forward(Tensor x) =>
        nn.functional.interpolate(x, scale_factor: new[] { scaleFactor, scaleFactor }, mode: mode);
}
