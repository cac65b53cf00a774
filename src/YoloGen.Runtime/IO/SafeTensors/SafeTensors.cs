using System.Buffers.Binary;
using static TorchSharp.torch;

namespace YoloGen.IO;

/// <summary>
/// Reads and writes the safetensors format: 8-byte little-endian header length N, N bytes of UTF-8 JSON
/// (name → dtype, shape, data_offsets; optional <c>__metadata__</c> of strings), then the raw little-endian tensor
/// bytes. Tensors are written in the order given, contiguous, and the header is space-padded to a multiple of 8.
/// Every malformed file is a <see cref="WeightsException"/> naming the file and the defect.
/// </summary>
public static class SafeTensors
{
    /// <summary>Reads and validates the header only.</summary>
    public static SafeTensorsHeader ReadHeader(string path)
    {
        using var stream = OpenRead(path);
        return ReadHeader(path, stream);
    }

    /// <summary>Reads every tensor (on the CPU, in file order). The tensors join the current dispose scope, if any.</summary>
    public static SafeTensorsFile Load(string path)
    {
        using var stream = OpenRead(path);
        var header = ReadHeader(path, stream);
        var tensors = new List<(string, Tensor)>(header.Entries.Count);
        try
        {
            foreach (var entry in header.Entries)
                tensors.Add((entry.Name, ReadTensor(path, stream, header.DataStart, entry)));
        }
        catch
        {
            foreach (var (_, t) in tensors) t.Dispose();
            throw;
        }
        return new SafeTensorsFile(path, tensors, header.Metadata);
    }

    /// <summary>
    /// Writes the tensors in the given order, atomically: the bytes go to a temporary file in the same folder that is
    /// then renamed over <paramref name="path"/>, so a reader never sees a half-written file.
    /// </summary>
    public static void Save(string path, IEnumerable<(string Name, Tensor Tensor)> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        EnsureLittleEndian();
        var list = tensors.ToList();
        var entries = new List<SafeTensorsEntry>(list.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        long offset = 0;
        foreach (var (name, tensor) in list)
        {
            if (name == SafeTensorsHeaderParser.MetadataKey) throw new ArgumentException($"'{name}' is reserved for metadata");
            if (!names.Add(name)) throw new ArgumentException($"tensor name '{name}' given twice");
            long bytes = tensor.NumberOfElements * tensor.ElementSize;
            entries.Add(new SafeTensorsEntry(name, SafeTensorsDType.CodeOf(tensor.dtype), tensor.shape, offset, offset + bytes));
            offset += bytes;
        }

        byte[] json = SafeTensorsHeaderParser.Write(entries, metadata);
        int padded = (json.Length + 7) / 8 * 8;

        string full = System.IO.Path.GetFullPath(path);
        string temp = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(full)!, $".{System.IO.Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                Span<byte> length = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
                stream.Write(length);
                stream.Write(json);
                for (int i = json.Length; i < padded; i++) stream.WriteByte((byte)' ');
                foreach (var (_, tensor) in list) WriteTensor(stream, tensor);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new WeightsException($"{path}: cannot write ({e.Message})", e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static FileStream OpenRead(string path)
    {
        EnsureLittleEndian();
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WeightsException($"{path}: cannot open ({e.Message})", e);
        }
    }

    private static SafeTensorsHeader ReadHeader(string path, FileStream stream)
    {
        long fileLength = stream.Length;
        if (fileLength < 8)
            throw new WeightsException($"{path}: {fileLength} bytes is too short for a safetensors file (the 8-byte header length is missing)");
        Span<byte> lengthBytes = stackalloc byte[8];
        stream.ReadExactly(lengthBytes);
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (n < 2 || n > (ulong)(fileLength - 8) || n > int.MaxValue)
            throw new WeightsException($"{path}: header length {n} is impossible for a file of {fileLength} bytes (not a safetensors file?)");
        var json = new byte[(int)n];
        stream.ReadExactly(json);
        if (json[0] != (byte)'{')
            throw new WeightsException($"{path}: header does not start with '{{' (not a safetensors file?)");
        long dataStart = 8 + (long)n;
        return SafeTensorsHeaderParser.Parse(path, json, dataStart, fileLength - dataStart);
    }

    private static Tensor ReadTensor(string path, FileStream stream, long dataStart, SafeTensorsEntry entry)
    {
        SafeTensorsDType.TryParse(entry.DType, out var type, out _);
        var tensor = empty(entry.Shape, dtype: type);
        long length = entry.End - entry.Begin;
        if (length == 0) return tensor;
        if (length > int.MaxValue)
            throw new WeightsException($"{path}: tensor '{entry.Name}' has {length} bytes; tensors over 2 GiB are not supported");
        stream.Position = dataStart + entry.Begin;
        stream.ReadExactly(tensor.bytes);
        return tensor;
    }

    private static void WriteTensor(FileStream stream, Tensor tensor)
    {
        if (tensor.NumberOfElements == 0) return;
        using var scope = NewDisposeScope();
        var cpu = tensor.detach().cpu().contiguous();
        stream.Write(cpu.bytes);
    }

    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("safetensors IO needs a little-endian machine");
    }

    private static void TryDelete(string file)
    {
        try { File.Delete(file); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
