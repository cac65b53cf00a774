using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Models;

/// <summary>
/// The container registered as <c>model</c> in every generated network: layer modules are children named
/// after their YAML index ("0", "1", …), so state-dict keys are exactly the reference's (<c>model.0.conv.weight</c>).
/// A module that occupies several indices (a multi-output backbone) is registered under its first index.
/// </summary>
public sealed class LayerStack : nn.Module
{
    private readonly List<(int Index, nn.Module Module)> _layers = new();

    public LayerStack() : base("model") { }

    public void Add(int index, nn.Module module)
    {
        register_module(index.ToString(System.Globalization.CultureInfo.InvariantCulture), module);
        _layers.Add((index, module));
    }

    public IReadOnlyList<(int Index, nn.Module Module)> Layers => _layers;
}
