using TorchSharp;
using YoloGen.Models;
using static TorchSharp.torch;

namespace QuickStart;

/// <summary>
/// A hand-written module around a generated network: takes 8-bit RGB images (B, H, W, 3) as a camera or decoder
/// delivers them and feeds the network the float (B, 3, H, W) input in [0, 1] it was trained on.
/// </summary>
public sealed class ImageDetector : nn.Module<Tensor, DetectionOutput>
{
    private readonly DetectionModel network;

    public ImageDetector(DetectionModel network) : base(nameof(ImageDetector))
    {
        this.network = network;
        RegisterComponents();
    }

    public override DetectionOutput forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        var x = images.permute(0, 3, 1, 2).to_type(ScalarType.Float32).div_(255);
        return network.call(x).MoveToOuterDisposeScope();
    }
}
