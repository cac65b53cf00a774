using System.Globalization;
using YamlDotNet.RepresentationModel;
using YoloGen.Models;

namespace YoloGen.IO.Checkpoints;

/// <summary>What a written checkpoint records beside the model.</summary>
public sealed record CheckpointWriteOptions
{
    /// <summary>The model YAML to embed; null = the network's own rows (see <see cref="UltralyticsCheckpointWriter"/>).</summary>
    public IReadOnlyDictionary<string, object?>? Yaml { get; init; }

    /// <summary>The <c>train_args</c> entry (the reference reads <c>imgsz</c>, <c>data</c>, … from it for later runs).</summary>
    public IReadOnlyDictionary<string, object?>? TrainArgs { get; init; }

    /// <summary>The Ultralytics version whose rules the network follows (today's generated networks: 8.3.0).</summary>
    public string Version { get; init; } = "8.3.0";

    public DateTime? Date { get; init; }
}

/// <summary>
/// Writes a generated network as an Ultralytics final checkpoint (<c>{"model": DetectionModel, "train_args", "date",
/// "version"}</c>, the model in half precision), the format <c>YOLO("best.pt")</c> loads: every module is pickled as an
/// object of the reference's class with the attributes its constructor sets. The embedded YAML defaults to the
/// network's own rows (all but the head under <c>backbone</c>), which the reference uses to tell the task; a source
/// checkpoint's YAML (with its <c>scales</c>) is kept when given in the options.
/// </summary>
public static class UltralyticsCheckpointWriter
{
    public static void Write(string path, DetectionModel network, IReadOnlyList<string>? names = null, CheckpointWriteOptions? options = null)
    {
        options ??= new CheckpointWriteOptions();
        names ??= Enumerable.Range(0, network.NumClasses).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();
        if (names.Count != network.NumClasses)
            throw new ArgumentException($"{names.Count} class names for a network with {network.NumClasses} classes", nameof(names));

        var modules = new ReferenceModules();
        var infos = network.LayerInfos;
        var layers = new List<(string, object?)>();
        foreach (var (index, module) in network.Model.Layers)
        {
            var info = infos.First(l => l.Index == index);
            layers.Add((index.ToString(CultureInfo.InvariantCulture), modules.Layer(module, $"model.{index}", index, info.From)));
        }
        var sequential = modules.Module(network.Model, "model", children: layers);

        var model = new PyInstance("ultralytics.nn.tasks", "DetectionModel",
        [
            ("training", false),
            ("_parameters", new PyOrderedDict([])),
            ("_buffers", new PyOrderedDict([])),
            ("_non_persistent_buffers_set", new PyEmptySet()),
            ("_backward_hooks", new PyOrderedDict([])),
            ("_is_full_backward_hook", null),
            ("_forward_hooks", new PyOrderedDict([])),
            ("_forward_pre_hooks", new PyOrderedDict([])),
            ("_state_dict_hooks", new PyOrderedDict([])),
            ("_load_state_dict_pre_hooks", new PyOrderedDict([])),
            ("_load_state_dict_post_hooks", new PyOrderedDict([])),
            ("_modules", new PyOrderedDict([("model", sequential)])),
            ("yaml", options.Yaml ?? DefaultYaml(network)),
            ("save", Save(infos).Cast<object?>().ToList()),
            ("names", Enumerable.Range(0, names.Count).ToDictionary(i => i, i => names[i])),
            ("inplace", true),
            ("stride", modules.Tensor(TorchSharp.torch.tensor(network.Strides.Select(s => (float)s).ToArray()), false, false)),
        ]);
        var top = new Dictionary<string, object?>
        {
            ["model"] = model,
            ["train_args"] = options.TrainArgs ?? new Dictionary<string, object?> { ["model"] = network.ModelName + ".yaml", ["task"] = "detect" },
            ["date"] = (options.Date ?? DateTime.UtcNow).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
            ["version"] = options.Version,
        };
        try
        {
            var pickle = new PickleWriter().Write(top);
            TorchZipWriter.Write(path, pickle, modules.Storages);
        }
        finally
        {
            foreach (var (_, t) in modules.Storages) t.Dispose();
        }
    }

    /// <summary>Layers whose output a later layer reads other than through -1 (parse_model's <c>save</c> list).</summary>
    private static IEnumerable<int> Save(IReadOnlyList<LayerInfo> infos) =>
        infos.SelectMany(l => l.From.Where(f => f != -1).Select(f => f < 0 ? f + l.Index : f)).Distinct().Order();

    private static Dictionary<string, object?> DefaultYaml(DetectionModel network)
    {
        var rows = network.LayerInfos.Select(Row).ToList();
        string name = network.ModelName;
        return new Dictionary<string, object?>
        {
            ["nc"] = (long)network.NumClasses,
            ["backbone"] = rows.Take(rows.Count - 1).ToList(),
            ["head"] = rows.Skip(rows.Count - 1).ToList(),
            ["yaml_file"] = name + ".yaml",
            ["channels"] = 3L,
        };
    }

    /// <summary>
    /// One YAML layer row (<c>[-1, 1, Conv, [64, 3, 2]]</c>) as the reference's loader gives it: ints, floats, bools,
    /// strings. A layer built without a YAML row gets <c>[from, repeats, module, []]</c>.
    /// </summary>
    private static object? Row(LayerInfo layer)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(layer.Yaml));
            if (stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlSequenceNode row) return Convert(row);
        }
        catch (YamlDotNet.Core.YamlException)
        {
        }
        object? from = layer.From.Length == 1 ? layer.From[0] : layer.From.Select(f => (object?)(long)f).ToList();
        return new List<object?> { from is int i ? (long)i : from, (long)layer.Repeats, layer.Module, new List<object?>() };
    }

    private static object? Convert(YamlNode node) => node switch
    {
        YamlSequenceNode seq => seq.Children.Select(Convert).ToList(),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } s when long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l) => l,
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } s when double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => d,
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "True" or "true" } => true,
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "False" or "false" } => false,
        YamlScalarNode s => s.Value,
        _ => node.ToString(),
    };
}
