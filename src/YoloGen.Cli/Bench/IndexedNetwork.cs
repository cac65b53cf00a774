using TorchSharp;
using YoloGen.Models;
using YoloGen.Nn;
using static TorchSharp.torch;

namespace YoloGen.Cli.Bench;

/// <summary>
/// A generated network's own module instances run the way <c>parse_model</c> frameworks run a model: the layers in
/// a list, each layer's <c>from</c> indices read at run time, every output appended to a list that lives until the
/// forward ends. Comparison point (c) of <c>yologen bench --layout indexed</c> (docs/benchmarks.md).
/// </summary>
internal sealed class IndexedNetwork
{
    private readonly List<(nn.Module Module, int[] From)> _layers = new();

    public IndexedNetwork(DetectionModel model)
    {
        // LayerInfos has a row per output index; a multi-output module is registered once, under its first index.
        foreach (var (index, module) in model.Model.Layers)
            _layers.Add((module, model.LayerInfos.First(r => r.Index == index).From));
    }

    public DetectionOutput Forward(Tensor x)
    {
        var y = new List<Tensor>();
        foreach (var (module, from) in _layers)
        {
            Tensor Input(int f) => f == -1 ? (y.Count == 0 ? x : y[^1]) : y[f];
            switch (module)
            {
                case Detect head:
                    return head.call(from.Select(Input).ToArray());
                case nn.Module<Tensor[], Tensor> multiInput:
                    y.Add(multiInput.call(from.Select(Input).ToArray()));
                    break;
                case nn.Module<Tensor, Tensor[]> multiOutput:
                    y.AddRange(multiOutput.call(Input(from[0])));
                    break;
                case nn.Module<Tensor, Tensor> single:
                    y.Add(single.call(Input(from[0])));
                    break;
                default:
                    throw new InvalidOperationException($"layer {y.Count}: {module.GetType().Name} has no forward signature this runner knows");
            }
        }
        throw new InvalidOperationException("the network has no Detect layer");
    }
}
