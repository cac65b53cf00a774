namespace YoloGen.Models;

/// <summary>
/// One row of a generated network's layer table, resolved at build time: the YAML line's index, inputs,
/// repeats after depth scaling, module name, constructor arguments (as JSON, in the order the reference
/// passes them), output channels and stride (relative to the input). <see cref="OutChannels"/> is null for the head.
/// </summary>
public sealed record LayerInfo(
    int Index,
    int[] From,
    int Repeats,
    string Module,
    string ArgsJson,
    int? OutChannels,
    int Stride,
    string Yaml);
