using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// PyTorch's <c>nn.ConvTranspose2d(in_channels, out_channels, kernel_size, stride=1, padding=0, output_padding=0,
/// groups=1, bias=True, dilation=1, padding_mode='zeros')</c> as a model file names it (YOLOv6's upsampling). Its
/// parameters are its own, <c>weight</c> [in, out/groups, k, k] and <c>bias</c> [out], as in the reference's state
/// dict; they start with PyTorch's default initialisation.
/// </summary>
public sealed class ConvTranspose2d : nn.Module<Tensor, Tensor>
{
    private Parameter weight;
    private Parameter? bias;
    private readonly long[] stride;
    private readonly long[] padding;
    private readonly long[] outputPadding;
    private readonly long[] dilation;
    private readonly long groups;

    public ConvTranspose2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0,
        long outputPadding = 0, long groups = 1, bool bias = true, long dilation = 1, string paddingMode = "zeros")
        : base(nameof(ConvTranspose2d))
    {
        if (paddingMode != "zeros")
            throw new ArgumentException($"ConvTranspose2d supports only padding_mode 'zeros' (as PyTorch), got '{paddingMode}'", nameof(paddingMode));
        if (groups < 1 || inChannels % groups != 0 || outChannels % groups != 0)
            throw new ArgumentException($"ConvTranspose2d groups ({groups}) must divide in_channels ({inChannels}) and out_channels ({outChannels})", nameof(groups));
        if (outputPadding >= Math.Max(stride, dilation))
            throw new ArgumentException($"ConvTranspose2d output_padding ({outputPadding}) must be smaller than stride or dilation", nameof(outputPadding));
        // Borrow the initialised tensors of TorchSharp's module; the parameters are registered here under the reference's names.
        using (var init = nn.ConvTranspose2d(inChannels, outChannels, kernelSize, stride, padding, outputPadding, dilation, groups: groups, bias: bias))
        {
            weight = new Parameter(init.weight!.detach().clone());
            this.bias = bias ? new Parameter(init.bias!.detach().clone()) : null;
        }
        this.stride = [stride, stride];
        this.padding = [padding, padding];
        this.outputPadding = [outputPadding, outputPadding];
        this.dilation = [dilation, dilation];
        this.groups = groups;
        RegisterComponents();
    }

    public Parameter Weight => weight;

    public Parameter? Bias => bias;

    public override Tensor forward(Tensor x) =>
        nn.functional.conv_transpose2d(x, weight, bias, stride, padding, outputPadding, dilation, groups);
}
