using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// PyTorch's <c>nn.Identity</c> as a model file names it (YOLOv9e's first layer): returns its input and ignores any
/// arguments, as the reference's does.
/// </summary>
public sealed class Identity : nn.Module<Tensor, Tensor>
{
    public Identity(params object?[] args) : base(nameof(Identity)) { }

    public override Tensor forward(Tensor x) => x.alias(); // a new handle, so a caller disposing the output keeps the input
}
