using System.Collections;
using System.Globalization;
using Razorvine.Pickle.Objects;
using static TorchSharp.torch;

namespace YoloGen.IO.Checkpoints;

/// <summary>
/// An Ultralytics <c>.pt</c> checkpoint, read without running anything from it: the weights (of <c>model</c>, or for a
/// training checkpoint such as <c>last.pt</c>, where <c>model</c> is None, of <c>ema</c>) in the generated networks'
/// <c>model.N…</c> names, the embedded model YAML, class names, strides, <c>train_args</c>, the writer's Ultralytics
/// version, and the pickled module tree with its parameter-free choices (<see cref="Structure"/>). Tensors are on the
/// CPU, float32 (half and bfloat16 storages are widened) unless read with <c>keepStoredPrecision</c>.
/// </summary>
public sealed class UltralyticsCheckpoint : IDisposable
{
    private UltralyticsCheckpoint(string path, Hashtable top, string source, CheckpointModule model, IReadOnlyList<(string, Tensor)> weights, float[] stride)
    {
        Path = path;
        Source = source;
        Model = model;
        Weights = weights;
        Stride = stride;
        Version = top["version"] as string;
        Date = top["date"] as string;
        TrainArgs = top["train_args"] is Hashtable args ? Plain(args) : new Dictionary<string, object?>();
        Epoch = top["epoch"] is int e ? e : null;
        BestFitness = top["best_fitness"] switch { double d => d, int i => i, _ => null };
        Updates = top["updates"] switch { int i => i, long l => l, _ => null };
        Yaml = model.Attributes.TryGetValue("yaml", out var y) && y is Hashtable yaml ? Plain(yaml) : new Dictionary<string, object?>();
        Names = ReadNames(model.Attributes.GetValueOrDefault("names"));
        Structure = CheckpointStructure.Of(model);
    }

    public string Path { get; }

    /// <summary>Which entry the weights came from: <c>model</c> (final files) or <c>ema</c> (training checkpoints).</summary>
    public string Source { get; }

    public bool IsTrainingCheckpoint => Source == "ema";

    /// <summary>The Ultralytics version that wrote the file (e.g. <c>8.4.50</c>), or null.</summary>
    public string? Version { get; }

    public string? Date { get; }

    public int? Epoch { get; }

    public double? BestFitness { get; }

    public long? Updates { get; }

    public IReadOnlyDictionary<string, object?> TrainArgs { get; }

    /// <summary>The model's embedded YAML as a dictionary (<c>nc</c>, <c>scales</c>, <c>backbone</c>, <c>head</c>, …).</summary>
    public IReadOnlyDictionary<string, object?> Yaml { get; }

    /// <summary>The embedded YAML as text (block mapping, layer rows in flow style).</summary>
    public string YamlText => CheckpointYaml.Write(Yaml);

    /// <summary>Model name the reference gives it: the YAML's <c>yaml_file</c> stem with its scale (e.g. <c>yolo11n</c>).</summary>
    public string? ModelName => CheckpointYaml.ModelName(Yaml);

    public string[] Names { get; }

    /// <summary>Number of classes: the head's <c>nc</c>, else the YAML's, else the number of names.</summary>
    public int Nc => (int)(Structure.Head?.Int("nc") ?? (Yaml.GetValueOrDefault("nc") is int nc ? nc : Names.Length));

    public float[] Stride { get; }

    /// <summary>The pickled DetectionModel (or EMA) as a module tree.</summary>
    public CheckpointModule Model { get; }

    /// <summary>The layers and parameter-free module choices read from <see cref="Model"/>.</summary>
    public CheckpointStructure Structure { get; }

    /// <summary>The state dict, in PyTorch's order and the <c>model.N…</c> names of the generated networks.</summary>
    public IReadOnlyList<(string Name, Tensor Tensor)> Weights { get; }

    public long ParameterCount => Model.ParameterCount;

    /// <summary>Reads a checkpoint; every defect is a <see cref="WeightsException"/> naming the file.</summary>
    public static UltralyticsCheckpoint Read(string path, bool keepStoredPrecision = false)
    {
        using var zip = TorchZipReader.Open(path);
        var pickle = zip.ReadPickle();
        PickleScanner.Check(path, pickle);
        var top = TorchUnpickler.Load(path, pickle) as Hashtable
            ?? throw new WeightsException($"{path}: data.pkl does not hold a dictionary; an Ultralytics checkpoint is {{'model': …, 'train_args': …}}");
        var budget = new ReadBudget(path);

        string source = top["model"] is not null ? "model" : top["ema"] is not null ? "ema" : throw new WeightsException(
            top.ContainsKey("model") || top.ContainsKey("ema")
                ? $"{path}: both 'model' and 'ema' are None; the checkpoint holds no weights"
                : $"{path}: no 'model' or 'ema' entry (keys: {string.Join(", ", top.Keys.Cast<object>().Select(k => k?.ToString()))}); a plain state dict is not an Ultralytics checkpoint");
        var model = CheckpointModule.From(top[source], source, budget);

        var refs = model.StateDict();
        var strideRef = model.Attributes.GetValueOrDefault("stride") as TensorRef;
        var all = strideRef is null ? refs : refs.Append(("stride", strideRef)).ToList();
        var tensors = new TensorRebuilder(zip, keepStoredPrecision).Build(all);
        float[] stride = [];
        if (strideRef is not null)
        {
            using var s = tensors[^1].to(ScalarType.Float32);
            stride = TensorData.ToArray<float>(s);
            tensors[^1].Dispose();
        }
        var weights = refs.Select((r, i) => (r.Name, tensors[i])).ToList();
        return new UltralyticsCheckpoint(path, top, source, model, weights, stride);
    }

    public void Dispose()
    {
        foreach (var (_, t) in Weights) t.Dispose();
    }

    private static string[] ReadNames(object? names)
    {
        switch (names)
        {
            case Hashtable table:
                var pairs = new List<(long, string)>();
                foreach (DictionaryEntry e in table)
                    if (e.Key is int or long && e.Value is string s) pairs.Add((Convert.ToInt64(e.Key, CultureInfo.InvariantCulture), s));
                return pairs.OrderBy(p => p.Item1).Select(p => p.Item2).ToArray();
            case ArrayList list:
                return list.Cast<object?>().Select(o => o?.ToString() ?? "").ToArray();
            default:
                return [];
        }
    }

    /// <summary>Unpickled containers as plain .NET ones: dictionaries, lists (for tuples too) and scalars.</summary>
    internal static Dictionary<string, object?> Plain(Hashtable table)
    {
        var d = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in table) d[e.Key?.ToString() ?? "None"] = Plain(e.Value);
        return d;
    }

    private static object? Plain(object? o) => o switch
    {
        Hashtable t => Plain(t),
        ArrayList l => l.Cast<object?>().Select(Plain).ToList(),
        object[] a => a.Select(Plain).ToList(),
        ClassDict c => c.ClassName,
        _ => o,
    };
}
