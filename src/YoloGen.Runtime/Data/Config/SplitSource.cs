namespace YoloGen.Data;

/// <summary>
/// One split (<c>train</c>, <c>val</c>, <c>test</c>) as the dataset YAML declares it: resolved absolute paths of
/// image folders or <c>.txt</c> lists, plus where in the YAML it came from (for error messages).
/// </summary>
public sealed record SplitSource(string Name, IReadOnlyList<string> Paths, string YamlPath, int Line);
