using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// torchvision's <c>SqueezeExcitation</c> as EfficientNet uses it: global average pool, 1×1 conv c→s (bias), SiLU,
/// 1×1 conv s→c (bias), Sigmoid, channel-wise scale. Parameters <c>fc1.*</c>, <c>fc2.*</c> as in torchvision.
/// </summary>
public sealed partial class SqueezeExcitation : nn.Module<Tensor, Tensor>
{
    private readonly AdaptiveAvgPool2d avgpool;
    private readonly Conv2d fc1;
    private readonly Conv2d fc2;
    private readonly SiLU activation;
    private readonly Sigmoid scale_activation;

    public SqueezeExcitation(long inputChannels, long squeezeChannels) : base(nameof(SqueezeExcitation))
    {
        avgpool = nn.AdaptiveAvgPool2d(1);
        fc1 = nn.Conv2d(inputChannels, squeezeChannels, 1);
        fc2 = nn.Conv2d(squeezeChannels, inputChannels, 1);
        activation = nn.SiLU();
        scale_activation = nn.Sigmoid();
        using (no_grad())
        {
            // torchvision initialises every conv of EfficientNet with Kaiming normal (fan_out) and zero bias.
            foreach (var fc in new[] { fc1, fc2 })
            {
                nn.init.kaiming_normal_(fc.weight, mode: nn.init.FanInOut.FanOut);
                nn.init.zeros_(fc.bias);
            }
        }
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var scale = scale_activation.forward(fc2.forward(activation.forward(fc1.forward(avgpool.forward(input)))));
        return (input * scale).MoveToOuterDisposeScope();
    }
}
