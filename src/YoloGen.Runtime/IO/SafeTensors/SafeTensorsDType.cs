using static TorchSharp.torch;

namespace YoloGen.IO;

/// <summary>The safetensors dtype codes and their TorchSharp scalar types.</summary>
public static class SafeTensorsDType
{
    private static readonly (string Code, ScalarType Type, int Size)[] Table =
    {
        ("F64", ScalarType.Float64, 8),
        ("F32", ScalarType.Float32, 4),
        ("F16", ScalarType.Float16, 2),
        ("BF16", ScalarType.BFloat16, 2),
        ("I64", ScalarType.Int64, 8),
        ("I32", ScalarType.Int32, 4),
        ("I16", ScalarType.Int16, 2),
        ("I8", ScalarType.Int8, 1),
        ("U8", ScalarType.Byte, 1),
        ("BOOL", ScalarType.Bool, 1),
    };

    public static IEnumerable<string> Codes => Table.Select(t => t.Code);

    public static bool TryParse(string code, out ScalarType type, out int size)
    {
        foreach (var t in Table)
        {
            if (t.Code == code) { type = t.Type; size = t.Size; return true; }
        }
        type = default;
        size = 0;
        return false;
    }

    public static string CodeOf(ScalarType type)
    {
        foreach (var t in Table) if (t.Type == type) return t.Code;
        throw new ArgumentException($"dtype {type} cannot be stored in safetensors (supported: {string.Join(", ", Table.Select(t => t.Type))})");
    }
}
