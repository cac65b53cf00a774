using System.Text.Json;

namespace YoloGen.Runtime.Tests;

/// <summary>One layer of a reference per-layer JSON (tests/reference/json/&lt;model&gt;.json).</summary>
public sealed record GoldenLayer(
    int Index,
    int[] From,
    string Module,
    JsonElement Args,
    int N,
    long Params,
    int? OutChannels,
    JsonElement InputShape,
    JsonElement OutputShape,
    IReadOnlyList<(string Name, long[] Shape, string DType)> StateDict,
    int Instances = 1);

/// <summary>The reference facts of one model: totals, strides and per-layer structure.</summary>
public sealed record GoldenModel(string Name, long TotalParams, int[] Strides, IReadOnlyList<GoldenLayer> Layers)
{
    private static readonly Dictionary<string, GoldenModel> Cache = new();

    public static GoldenModel Load(string name) => LoadFile(TestPaths.GoldenJson(name));

    /// <summary>A per-layer JSON file of either reference folder (tests/reference/json, tests/reference/zoo/json).</summary>
    public static GoldenModel LoadFile(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        lock (Cache)
        {
            if (Cache.TryGetValue(path, out var cached)) return cached;
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            var layers = root.GetProperty("layers").EnumerateArray().Select(ReadLayer).ToList();
            var strides = root.GetProperty("stride").EnumerateArray().Select(s => (int)s.GetDouble()).ToArray();
            var model = new GoldenModel(name, root.GetProperty("total_params").GetInt64(), strides, layers);
            Cache[path] = model;
            return model;
        }
    }

    private static GoldenLayer ReadLayer(JsonElement l)
    {
        var stateDict = l.GetProperty("state_dict").EnumerateArray()
            .Select(e => (e[0].GetString()!, e[1].EnumerateArray().Select(d => d.GetInt64()).ToArray(), e[2].GetString()!))
            .ToList();
        var outChannels = l.GetProperty("out_channels");
        return new GoldenLayer(
            l.GetProperty("index").GetInt32(),
            From(l.GetProperty("from")),
            l.GetProperty("module").GetString()!,
            l.GetProperty("args").Clone(),
            l.GetProperty("n").GetInt32(),
            l.GetProperty("params").GetInt64(),
            outChannels.ValueKind == JsonValueKind.Null ? null : outChannels.GetInt32(),
            l.GetProperty("input_shape_eval").Clone(),
            l.GetProperty("output_shape_eval").Clone(),
            stateDict,
            // How many modules the layer holds: n > 1 of a module that does not fold its repeats is an nn.Sequential of n.
            l.TryGetProperty("instances", out var instances) ? instances.GetInt32() : 1);
    }

    private static int[] From(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().Select(f => f.GetInt32()).ToArray() : new[] { e.GetInt32() };
}

public static class JsonShapes
{
    /// <summary>Whether the element is one shape (an array of numbers) rather than a list of shapes.</summary>
    public static bool IsSingle(JsonElement e) => e.GetArrayLength() == 0 || e[0].ValueKind == JsonValueKind.Number;

    public static long[] Single(JsonElement e) => e.EnumerateArray().Select(d => d.GetInt64()).ToArray();

    public static long[][] Many(JsonElement e) => e.EnumerateArray().Select(Single).ToArray();
}
