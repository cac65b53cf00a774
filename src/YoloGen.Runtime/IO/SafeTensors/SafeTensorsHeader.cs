namespace YoloGen.IO;

/// <summary>One tensor's header entry: dtype code, shape and byte range inside the data section.</summary>
public sealed record SafeTensorsEntry(string Name, string DType, long[] Shape, long Begin, long End)
{
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);
}

/// <summary>A validated safetensors header: tensor entries in header order, metadata, and where the data starts.</summary>
public sealed record SafeTensorsHeader(
    IReadOnlyList<SafeTensorsEntry> Entries,
    IReadOnlyDictionary<string, string> Metadata,
    long DataStart);
