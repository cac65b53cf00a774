using System.Diagnostics;
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
        Layers = model.Model.Layers;
    }

    /// <summary>The registered layers in index order, with the index each one starts at.</summary>
    public IReadOnlyList<(int Index, nn.Module Module)> Layers { get; private set; } = [];

    public DetectionOutput Forward(Tensor x) => Forward(x, null);

    /// <param name="layerTime">If given, called with each layer's position in <see cref="Layers"/> and its wall time in ms.</param>
    public DetectionOutput Forward(Tensor x, Action<int, double>? layerTime)
    {
        var y = new List<Tensor>();
        for (int position = 0; position < _layers.Count; position++)
        {
            var (module, from) = _layers[position];
            Tensor Input(int f) => f == -1 ? (y.Count == 0 ? x : y[^1]) : y[f];
            long start = Stopwatch.GetTimestamp();
            switch (module)
            {
                case Detect head:
                    var output = head.call(from.Select(Input).ToArray());
                    layerTime?.Invoke(position, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    return output;
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
            layerTime?.Invoke(position, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        throw new InvalidOperationException("the network has no Detect layer");
    }
}
