namespace YoloGen.Data;

/// <summary>
/// A parsed Ultralytics dataset YAML (<c>path</c>, <c>train</c>, <c>val</c>, optional <c>test</c>, <c>names</c>).
/// Use <see cref="Load"/>; all paths are absolute.
/// </summary>
public sealed class DatasetConfig
{
    internal DatasetConfig(string yamlPath, string root, IReadOnlyList<string> names,
        IReadOnlyDictionary<string, SplitSource> splits)
    {
        YamlPath = yamlPath;
        Root = root;
        Names = names;
        Splits = splits;
    }

    /// <summary>Absolute path of the YAML file.</summary>
    public string YamlPath { get; }

    /// <summary>Dataset root: <c>path</c> resolved against the YAML's folder (the folder itself when absent).</summary>
    public string Root { get; }

    /// <summary>Class names by index.</summary>
    public IReadOnlyList<string> Names { get; }

    public int NumClasses => Names.Count;

    /// <summary>Declared splits by name; <c>train</c> and <c>val</c> are always present.</summary>
    public IReadOnlyDictionary<string, SplitSource> Splits { get; }

    public SplitSource Train => Splits["train"];

    public SplitSource Val => Splits["val"];

    public SplitSource? Test => Splits.TryGetValue("test", out var s) ? s : null;

    /// <summary>The split called <paramref name="name"/>, or an error naming the YAML when it is not declared.</summary>
    public SplitSource Split(string name) =>
        Splits.TryGetValue(name, out var s)
            ? s
            : throw new DatasetException(YamlPath, null, name, $"the dataset declares no '{name}' split");

    /// <summary>Reads and checks a dataset YAML; errors are <see cref="DatasetException"/>s naming file and line.</summary>
    public static DatasetConfig Load(string yamlPath) => DatasetYamlParser.Parse(yamlPath);

    /// <summary>Parses YAML text as if it were the file <paramref name="yamlPath"/> (paths resolve against its folder).</summary>
    public static DatasetConfig Parse(string yamlText, string yamlPath) => DatasetYamlParser.Parse(yamlText, yamlPath);
}
