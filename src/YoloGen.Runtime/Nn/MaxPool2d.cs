using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// PyTorch's <c>nn.MaxPool2d(kernel_size, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False)</c>
/// as a model file names it (<c>nn.MaxPool2d</c>); stride null means the kernel size. Channels pass through.
/// </summary>
public sealed class MaxPool2d : nn.Module<Tensor, Tensor>
{
    private readonly long[] kernel;
    private readonly long[] stride;
    private readonly long[] padding;
    private readonly long[] dilation;
    private readonly bool ceilMode;

    public MaxPool2d(long kernelSize, long? stride = null, long padding = 0, long dilation = 1, bool returnIndices = false, bool ceilMode = false)
        : base(nameof(MaxPool2d))
    {
        if (kernelSize < 1) throw new ArgumentException($"MaxPool2d kernel_size must be positive, got {kernelSize}", nameof(kernelSize));
        if (stride is < 1) throw new ArgumentException($"MaxPool2d stride must be positive, got {stride}", nameof(stride));
        if (dilation < 1) throw new ArgumentException($"MaxPool2d dilation must be positive, got {dilation}", nameof(dilation));
        if (padding < 0 || 2 * padding > dilation * (kernelSize - 1) + 1)
            throw new ArgumentException($"MaxPool2d padding must be between 0 and half the dilated kernel size, got {padding}", nameof(padding));
        if (returnIndices)
            throw new ArgumentException("MaxPool2d return_indices=True returns a pair, which a layer of a model cannot pass on", nameof(returnIndices));
        long s = stride ?? kernelSize;
        kernel = [kernelSize, kernelSize];
        this.stride = [s, s];
        this.padding = [padding, padding];
        this.dilation = [dilation, dilation];
        this.ceilMode = ceilMode;
    }

    public override Tensor forward(Tensor x) => nn.functional.max_pool2d(x, kernel, stride, padding, dilation, ceilMode);
}
