using System.Text.Json;
using static TorchSharp.torch;

namespace YoloGen.Tests.Support;

/// <summary>
/// Test-only reader of the reference fixtures' safetensors files (8-byte header length, JSON header, raw
/// little-endian data). Reads whole tensors by name into CPU tensors.
/// </summary>
internal sealed class FixtureTensors
{
    private readonly byte[] _bytes;
    private readonly long _dataStart;
    private readonly Dictionary<string, (string Dtype, long[] Shape, long Begin, long End)> _entries = new();

    public FixtureTensors(string path)
    {
        _bytes = File.ReadAllBytes(path);
        long n = BitConverter.ToInt64(_bytes, 0);
        _dataStart = 8 + n;
        using var doc = JsonDocument.Parse(_bytes.AsMemory(8, (int)n));
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            if (p.Name == "__metadata__") continue;
            var shape = p.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var offsets = p.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            _entries[p.Name] = (p.Value.GetProperty("dtype").GetString()!, shape, offsets[0], offsets[1]);
        }
    }

    public IEnumerable<string> Names => _entries.Keys;

    public Tensor this[string name]
    {
        get
        {
            var (dtype, shape, begin, end) = _entries[name];
            var span = _bytes.AsSpan((int)(_dataStart + begin), (int)(end - begin));
            return dtype switch
            {
                "F32" => tensor(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(span).ToArray(), shape),
                "F64" => tensor(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(span).ToArray(), shape),
                "I64" => tensor(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(span).ToArray(), shape),
                "U8" => tensor(span.ToArray(), shape),
                _ => throw new NotSupportedException($"{name}: dtype {dtype}"),
            };
        }
    }
}
