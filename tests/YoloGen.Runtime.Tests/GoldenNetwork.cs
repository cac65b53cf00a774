using TorchSharp;
using YoloGen.Models;
using YoloGen.Nn;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests;

/// <summary>
/// A detection network assembled at run time from a golden per-layer JSON (modules from their resolved arguments,
/// wiring from <c>from</c>). It checks the runtime modules against the reference fixture independently of the
/// generator; the generated classes are checked against the same fixture separately.
/// </summary>
public sealed class GoldenNetwork : DetectionModel
{
    private readonly GoldenModel _golden;
    private readonly List<nn.Module> _layers = new();

    public GoldenNetwork(string model) : base(model, 80)
    {
        _golden = GoldenModel.Load(model);
        foreach (var layer in _golden.Layers)
        {
            var module = GoldenLayerFactory.Build(layer, _golden.Strides);
            _layers.Add(module);
            Model.Add(layer.Index, module);
        }
    }

    public override Detect Head => (Detect)_layers[^1];

    public override IReadOnlyList<LayerInfo> LayerInfos => Array.Empty<LayerInfo>();

    public override DetectionOutput forward(Tensor x)
    {
        var outputs = new Tensor[_layers.Count];
        Tensor previous = x;
        for (int i = 0; i < _layers.Count; i++)
        {
            var inputs = _golden.Layers[i].From.Select(f => f == -1 ? previous : outputs[f]).ToArray();
            switch (_layers[i])
            {
                case nn.Module<Tensor, Tensor> single:
                    previous = outputs[i] = single.call(inputs.Single());
                    break;
                case nn.Module<Tensor[], Tensor> multi:
                    previous = outputs[i] = multi.call(inputs);
                    break;
                case Detect head:
                    return head.call(inputs);
            }
        }
        throw new InvalidOperationException("the golden model has no Detect layer");
    }
}
