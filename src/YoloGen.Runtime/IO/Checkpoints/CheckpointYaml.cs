using System.Collections;
using System.Globalization;
using System.Text;

namespace YoloGen.IO.Checkpoints;

/// <summary>The model YAML embedded in a checkpoint, written back as text, and the model name it implies.</summary>
internal static class CheckpointYaml
{
    private static readonly string[] KeyOrder = ["nc", "kpt_shape", "scales", "scale", "yaml_file", "ch", "backbone", "head"];

    public static string Write(IReadOnlyDictionary<string, object?> yaml)
    {
        var sb = new StringBuilder();
        var keys = KeyOrder.Where(yaml.ContainsKey).Concat(yaml.Keys.Where(k => !KeyOrder.Contains(k)).OrderBy(k => k, StringComparer.Ordinal));
        foreach (var key in keys)
        {
            object? value = yaml[key];
            switch (value)
            {
                case IReadOnlyDictionary<string, object?> map:
                    sb.Append(key).Append(":\n");
                    foreach (var (k, v) in map.OrderBy(kv => ScaleOrder(kv.Key)).ThenBy(kv => kv.Key, StringComparer.Ordinal)) sb.Append("  ").Append(k).Append(": ").Append(Flow(v)).Append('\n');
                    break;
                case IList list when list.Count > 0 && list[0] is IList:
                    sb.Append(key).Append(":\n");
                    foreach (var row in list) sb.Append("  - ").Append(Flow(row)).Append('\n');
                    break;
                default:
                    sb.Append(key).Append(": ").Append(Flow(value)).Append('\n');
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary><c>yaml_file</c>'s stem with the scale put back (<c>yolo11n.yaml</c> → <c>yolo11n</c>; <c>yolo11.yaml</c>, scale n → <c>yolo11n</c>).</summary>
    public static string? ModelName(IReadOnlyDictionary<string, object?> yaml)
    {
        if (yaml.GetValueOrDefault("yaml_file") is not string file) return null;
        string stem = Path.GetFileNameWithoutExtension(file);
        if (yaml.GetValueOrDefault("scale") is string scale && scale.Length == 1)
        {
            int dash = stem.IndexOf('-');
            string baseName = dash < 0 ? stem : stem[..dash];
            if (!baseName.EndsWith(scale, StringComparison.Ordinal)) stem = baseName + scale + (dash < 0 ? "" : stem[dash..]);
        }
        return stem;
    }

    // Dictionaries come back from the pickle unordered; scales are written n, s, m, l, x as the model files have them.
    private static int ScaleOrder(string key) => "nsmlx".IndexOf(key, StringComparison.Ordinal) is int i and >= 0 && key.Length == 1 ? i : 5;

    private static string Flow(object? v) => v switch
    {
        null => "null",
        bool b => b ? "True" : "False",
        string s => Quote(s),
        double d => d == Math.Floor(d) && Math.Abs(d) < 1e15 ? d.ToString("F1", CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IReadOnlyDictionary<string, object?> m => "{" + string.Join(", ", m.Select(kv => kv.Key + ": " + Flow(kv.Value))) + "}",
        IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(Flow)) + "]",
        _ => v.ToString() ?? "",
    };

    private static string Quote(string s) =>
        s.Length > 0 && s.All(c => char.IsLetterOrDigit(c) || c is '_' or '.' or '-' or '/') && s != "null" ? s : "'" + s.Replace("'", "''") + "'";
}
