namespace YoloGen.Generator.Model;

/// <summary>
/// A model YAML file after parsing: its path and the positioned top-level mapping (null when the file could
/// not be parsed or is empty; the parser's diagnostics say why).
/// </summary>
internal sealed record ModelDocument(string FilePath, YamlMap? Root);
