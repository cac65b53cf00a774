using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace YoloGen.Data;

/// <summary>
/// Dataset YAML → <see cref="DatasetConfig"/>. Works on YamlDotNet's node model so every error can point at the
/// line of the offending field. Unknown fields (<c>download</c>, <c>kpt_shape</c>, ...) are ignored.
/// </summary>
internal static class DatasetYamlParser
{
    private static readonly string[] SplitNames = ["train", "val", "test"];

    public static DatasetConfig Parse(string yamlPath)
    {
        var full = Path.GetFullPath(yamlPath);
        if (!File.Exists(full))
            throw new DatasetException(full, null, null, "dataset YAML not found");
        string text;
        try
        {
            text = File.ReadAllText(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetException(full, null, null, $"cannot read the dataset YAML: {e.Message}", e);
        }
        return Parse(text, full);
    }

    public static DatasetConfig Parse(string text, string yamlPath)
    {
        var file = Path.GetFullPath(yamlPath);
        var root = LoadRoot(text, file);
        var fields = new Dictionary<string, YamlMappingNodeEntry>(StringComparer.Ordinal);
        foreach (var (k, v) in root.Children)
        {
            if (k is YamlScalarNode { Value: { } key })
                fields[key] = new YamlMappingNodeEntry(k, v);
        }

        var yamlDir = Path.GetDirectoryName(file)!;
        var datasetRoot = yamlDir;
        if (fields.TryGetValue("path", out var pathEntry) && ScalarOrNull(file, "path", pathEntry.Value) is { } p)
            datasetRoot = Path.GetFullPath(Path.Combine(yamlDir, p));

        var splits = new Dictionary<string, SplitSource>(StringComparer.Ordinal);
        foreach (var split in SplitNames)
        {
            var required = split != "test";
            if (!fields.TryGetValue(split, out var entry))
            {
                if (required)
                    throw new DatasetException(file, null, split, $"missing: the '{split}' split is required (an images folder, a list of folders, or a .txt file of image paths)");
                continue;
            }
            var source = ParseSplit(file, split, entry, datasetRoot, required);
            if (source is not null)
                splits[split] = source;
        }

        var names = ParseNames(file, fields);
        return new DatasetConfig(file, datasetRoot, names, splits);
    }

    private static YamlMappingNode LoadRoot(string text, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new DatasetException(file, (int)e.Start.Line, null, $"invalid YAML: {Inner(e).Message}", e);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
        {
            var line = stream.Documents.Count > 0 ? (int?)stream.Documents[0].RootNode.Start.Line : null;
            throw new DatasetException(file, line, null, "expected a mapping with the fields 'train', 'val' and 'names'");
        }
        return map;
    }

    private static Exception Inner(YamlException e) => e.InnerException is YamlException i ? i : e;

    private static SplitSource? ParseSplit(string file, string split, YamlMappingNodeEntry entry, string datasetRoot, bool required)
    {
        var line = Line(entry.Value);
        var raw = new List<string>();
        switch (entry.Value)
        {
            case YamlScalarNode s when IsNull(s):
                if (required)
                    throw new DatasetException(file, line, split, "empty: give an images folder, a list of folders, or a .txt file of image paths");
                return null;
            case YamlScalarNode s:
                raw.Add(s.Value!);
                break;
            case YamlSequenceNode seq:
                foreach (var item in seq.Children)
                {
                    if (item is not YamlScalarNode si || IsNull(si))
                        throw new DatasetException(file, Line(item), split, "every list entry must be a path");
                    raw.Add(si.Value!);
                }
                if (raw.Count == 0)
                {
                    if (required)
                        throw new DatasetException(file, line, split, "empty list: give at least one images folder or .txt file");
                    return null;
                }
                break;
            default:
                throw new DatasetException(file, line, split, "expected a path or a list of paths");
        }
        var paths = raw.Select(r => ResolveSplitPath(datasetRoot, r)).ToArray();
        return new SplitSource(split, paths, file, line);
    }

    /// <summary>Relative to the dataset root; like the reference, a missing "../x" falls back to "x".</summary>
    private static string ResolveSplitPath(string datasetRoot, string value)
    {
        var full = Path.GetFullPath(Path.Combine(datasetRoot, value));
        if (!Path.Exists(full) && value.StartsWith("../", StringComparison.Ordinal))
        {
            var alt = Path.GetFullPath(Path.Combine(datasetRoot, value[3..]));
            if (Path.Exists(alt))
                return alt;
        }
        return full;
    }

    private static IReadOnlyList<string> ParseNames(string file, Dictionary<string, YamlMappingNodeEntry> fields)
    {
        int? nc = null;
        if (fields.TryGetValue("nc", out var ncEntry))
        {
            if (ncEntry.Value is not YamlScalarNode ns
                || !int.TryParse(ns.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n <= 0)
                throw new DatasetException(file, Line(ncEntry.Value), "nc", "expected a positive integer (the number of classes)");
            nc = n;
        }

        if (!fields.TryGetValue("names", out var namesEntry) || namesEntry.Value is YamlScalarNode sn && IsNull(sn))
        {
            if (nc is { } count)
                return Enumerable.Range(0, count).Select(i => $"class_{i}").ToArray();
            var line = fields.TryGetValue("names", out var e) ? (int?)Line(e.Value) : null;
            throw new DatasetException(file, line, "names", "missing: give the class names as a list or as a map index → name");
        }

        var names = namesEntry.Value switch
        {
            YamlSequenceNode seq => NamesFromList(file, seq),
            YamlMappingNode map => NamesFromMap(file, map),
            _ => throw new DatasetException(file, Line(namesEntry.Value), "names",
                "expected a list of names or a map index → name"),
        };
        if (names.Length == 0)
            throw new DatasetException(file, Line(namesEntry.Value), "names", "no class names given");
        if (nc is { } c && c != names.Length)
            throw new DatasetException(file, Line(ncEntry!.Value), "nc", $"nc is {c} but 'names' has {names.Length} entries");
        return names;
    }

    private static string[] NamesFromList(string file, YamlSequenceNode seq)
    {
        var names = new string[seq.Children.Count];
        for (var i = 0; i < names.Length; i++)
        {
            if (seq.Children[i] is not YamlScalarNode s || IsNull(s))
                throw new DatasetException(file, Line(seq.Children[i]), "names", $"entry {i} is not a name");
            names[i] = s.Value!;
        }
        return names;
    }

    private static string[] NamesFromMap(string file, YamlMappingNode map)
    {
        var byIndex = new SortedDictionary<int, string>();
        foreach (var (k, v) in map.Children)
        {
            if (k is not YamlScalarNode ks
                || !int.TryParse(ks.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index) || index < 0)
                throw new DatasetException(file, Line(k), "names", $"key '{(k as YamlScalarNode)?.Value}' is not a class index (0, 1, 2, ...)");
            if (v is not YamlScalarNode vs || IsNull(vs))
                throw new DatasetException(file, Line(v), "names", $"class {index} has no name");
            if (!byIndex.TryAdd(index, vs.Value!))
                throw new DatasetException(file, Line(k), "names", $"class index {index} appears twice");
        }
        var names = byIndex.Values.ToArray();
        var expected = 0;
        foreach (var (index, _) in byIndex)
        {
            if (index != expected)
                throw new DatasetException(file, Line(map), "names",
                    $"class indices must be 0..{names.Length - 1} without gaps, but index {expected} is missing");
            expected++;
        }
        return names;
    }

    private static string? ScalarOrNull(string file, string field, YamlNode node) => node switch
    {
        YamlScalarNode s when IsNull(s) => null,
        YamlScalarNode s => s.Value,
        _ => throw new DatasetException(file, Line(node), field, "expected a single path"),
    };

    private static bool IsNull(YamlScalarNode s) =>
        string.IsNullOrWhiteSpace(s.Value)
        || s.Style == YamlDotNet.Core.ScalarStyle.Plain && s.Value is "~" or "null" or "Null" or "NULL";

    private static int Line(YamlNode node) => (int)node.Start.Line;

    private readonly record struct YamlMappingNodeEntry(YamlNode Key, YamlNode Value);
}
