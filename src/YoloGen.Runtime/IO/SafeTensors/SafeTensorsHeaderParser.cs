using System.Text.Encodings.Web;
using System.Text.Json;

namespace YoloGen.IO;

/// <summary>
/// Parses and validates a safetensors header (the JSON after the 8-byte length): every entry has a known dtype,
/// a non-negative shape, offsets whose length matches the shape, and the tensors tile the data section exactly
/// (no gaps, no overlaps, nothing left over), as the format requires.
/// </summary>
internal static class SafeTensorsHeaderParser
{
    public const string MetadataKey = "__metadata__";

    public static SafeTensorsHeader Parse(string file, ReadOnlySpan<byte> json, long dataStart, long dataLength)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException e)
        {
            throw new WeightsException($"{file}: header is not valid JSON ({e.Message})", e);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new WeightsException($"{file}: header must be a JSON object, found {doc.RootElement.ValueKind}");

            var entries = new List<SafeTensorsEntry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                    throw new WeightsException($"{file}: header lists '{property.Name}' twice");
                if (property.Name == MetadataKey) ReadMetadata(file, property.Value, metadata);
                else entries.Add(ReadEntry(file, property.Name, property.Value));
            }
            CheckLayout(file, entries, dataLength);
            return new SafeTensorsHeader(entries, metadata, dataStart);
        }
    }

    private static void ReadMetadata(string file, JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new WeightsException($"{file}: {MetadataKey} must be an object of strings, found {value.ValueKind}");
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
                throw new WeightsException($"{file}: {MetadataKey}.{item.Name} must be a string, found {item.Value.ValueKind}");
            metadata[item.Name] = item.Value.GetString()!;
        }
    }

    private static SafeTensorsEntry ReadEntry(string file, string name, JsonElement value)
    {
        string where = $"{file}: tensor '{name}'";
        if (value.ValueKind != JsonValueKind.Object)
            throw new WeightsException($"{where}: entry must be an object with dtype, shape and data_offsets, found {value.ValueKind}");

        if (!value.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            throw new WeightsException($"{where}: missing or non-string 'dtype'");
        string dtype = dtypeElement.GetString()!;
        if (!SafeTensorsDType.TryParse(dtype, out _, out int elementSize))
            throw new WeightsException($"{where}: unknown dtype '{dtype}' (supported: {string.Join(", ", SafeTensorsDType.Codes)})");

        long[] shape = ReadIntegers(where, value, "shape", count: null);
        long[] offsets = ReadIntegers(where, value, "data_offsets", count: 2);
        long begin = offsets[0], end = offsets[1];
        if (end < begin)
            throw new WeightsException($"{where}: data_offsets [{begin}, {end}] end before they begin");

        long elements = 1;
        try
        {
            foreach (long d in shape) elements = checked(elements * d);
            long expected = checked(elements * elementSize);
            if (end - begin != expected)
                throw new WeightsException(
                    $"{where}: shape [{string.Join(", ", shape)}] of {dtype} needs {expected} bytes but data_offsets [{begin}, {end}] hold {end - begin}");
        }
        catch (OverflowException)
        {
            throw new WeightsException($"{where}: shape [{string.Join(", ", shape)}] is too large");
        }
        return new SafeTensorsEntry(name, dtype, shape, begin, end);
    }

    private static long[] ReadIntegers(string where, JsonElement value, string field, int? count)
    {
        if (!value.TryGetProperty(field, out var array) || array.ValueKind != JsonValueKind.Array)
            throw new WeightsException($"{where}: missing or non-array '{field}'");
        var result = new List<long>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out long v) || v < 0)
                throw new WeightsException($"{where}: '{field}' must hold non-negative integers, found {item.GetRawText()}");
            result.Add(v);
        }
        if (count is int n && result.Count != n)
            throw new WeightsException($"{where}: '{field}' must have {n} elements, found {result.Count}");
        return result.ToArray();
    }

    private static void CheckLayout(string file, List<SafeTensorsEntry> entries, long dataLength)
    {
        long position = 0;
        foreach (var e in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (e.End > dataLength)
                throw new WeightsException(
                    $"{file}: tensor '{e.Name}': data_offsets [{e.Begin}, {e.End}] reach beyond the data section ({dataLength} bytes; file truncated?)");
            if (e.Begin != position)
                throw new WeightsException(
                    e.Begin > position
                        ? $"{file}: tensor '{e.Name}': data_offsets [{e.Begin}, {e.End}] leave a gap after byte {position}"
                        : $"{file}: tensor '{e.Name}': data_offsets [{e.Begin}, {e.End}] overlap the previous tensor (which ends at {position})");
            position = e.End;
        }
        if (position != dataLength)
            throw new WeightsException($"{file}: the tensors cover {position} bytes but the data section has {dataLength}");
    }

    /// <summary>Serialises a header; the caller pads it.</summary>
    public static byte[] Write(IReadOnlyList<SafeTensorsEntry> entries, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                w.WriteStartObject(MetadataKey);
                foreach (var (k, v) in metadata) w.WriteString(k, v);
                w.WriteEndObject();
            }
            foreach (var e in entries)
            {
                w.WriteStartObject(e.Name);
                w.WriteString("dtype", e.DType);
                w.WriteStartArray("shape");
                foreach (long d in e.Shape) w.WriteNumberValue(d);
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(e.Begin);
                w.WriteNumberValue(e.End);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
