using System.IO.Compression;

namespace YoloGen.IO.Checkpoints;

/// <summary>
/// The container of a <c>torch.save</c> file: a zip holding <c>&lt;root&gt;/data.pkl</c> (the pickled object graph) and
/// <c>&lt;root&gt;/data/&lt;key&gt;</c> (one raw little-endian storage per key), plus <c>version</c> and <c>byteorder</c>; the
/// root folder's name varies. Every size is checked against the file before anything is allocated.
/// </summary>
internal sealed class TorchZipReader : IDisposable
{
    /// <summary>Largest data.pkl accepted: real checkpoints hold a few hundred kilobytes of pickle.</summary>
    public const long MaxPickleBytes = 256L << 20;

    private readonly FileStream _stream;
    private readonly ZipArchive _zip;
    private readonly Dictionary<string, ZipArchiveEntry> _entries = new(StringComparer.Ordinal);

    private TorchZipReader(string path, FileStream stream, ZipArchive zip, string root)
    {
        Path = path;
        _stream = stream;
        _zip = zip;
        Root = root;
        foreach (var e in zip.Entries) _entries[e.FullName] = e;
    }

    public string Path { get; }

    /// <summary>The folder every entry lives in (torch.save uses the file's stem at the time it was written).</summary>
    public string Root { get; }

    public static TorchZipReader Open(string path)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WeightsException($"{path}: cannot open ({e.Message})", e);
        }
        try
        {
            Span<byte> magic = stackalloc byte[4];
            if (stream.Length < 22 || stream.Read(magic) != 4 || magic[0] != 'P' || magic[1] != 'K')
                throw new WeightsException(stream.Length >= 2 && magic[0] == 0x80
                    ? $"{path}: a bare pickle (the legacy torch.save format before PyTorch 1.6) is not supported; re-save it with a current torch.save"
                    : $"{path}: not a PyTorch checkpoint (a .pt file is a zip archive; this file does not start with one)");
            stream.Position = 0;
            ZipArchive zip;
            try
            {
                zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
                _ = zip.Entries.Count; // the central directory is read lazily: read it here, where its errors are handled
            }
            catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException)
            {
                throw new WeightsException($"{path}: the zip archive is damaged or truncated ({e.Message})", e);
            }
            var pickles = zip.Entries.Where(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal) && e.FullName.IndexOf('/') == e.FullName.Length - "/data.pkl".Length).ToList();
            if (pickles.Count != 1)
            {
                zip.Dispose();
                throw new WeightsException(pickles.Count == 0
                    ? $"{path}: the zip archive has no <folder>/data.pkl; it is not a torch.save checkpoint"
                    : $"{path}: the zip archive has {pickles.Count} data.pkl entries ({string.Join(", ", pickles.Select(p => p.FullName))}); expected one");
            }
            string root = pickles[0].FullName[..^"/data.pkl".Length];
            return new TorchZipReader(path, stream, zip, root);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The bytes of data.pkl.</summary>
    public byte[] ReadPickle()
    {
        var entry = _entries[Root + "/data.pkl"];
        if (entry.Length > MaxPickleBytes)
            throw new WeightsException($"{Path}: data.pkl declares {entry.Length} bytes; more than the {MaxPickleBytes >> 20} MiB a checkpoint's pickle can need");
        CheckDeclaredSize(entry);
        var bytes = new byte[entry.Length];
        ReadEntry(entry, bytes);
        return bytes;
    }

    /// <summary>Fills <paramref name="into"/> with storage <paramref name="key"/>; its size must equal the span's.</summary>
    public void ReadStorage(string key, Span<byte> into)
    {
        if (!_entries.TryGetValue($"{Root}/data/{key}", out var entry))
            throw new WeightsException($"{Path}: storage '{key}' is referenced by data.pkl but {Root}/data/{key} is not in the archive");
        if (entry.Length != into.Length)
            throw new WeightsException($"{Path}: storage '{key}' holds {entry.Length} bytes but data.pkl declares {into.Length}");
        CheckDeclaredSize(entry);
        ReadEntry(entry, into);
    }

    /// <summary>A stored (uncompressed) entry cannot be larger than the file; a compressed one is bounded by its declaration.</summary>
    private void CheckDeclaredSize(ZipArchiveEntry entry)
    {
        if (entry.CompressedLength > _stream.Length)
            throw new WeightsException($"{Path}: {entry.FullName} declares {entry.CompressedLength} bytes, more than the whole file ({_stream.Length})");
    }

    private void ReadEntry(ZipArchiveEntry entry, Span<byte> into)
    {
        try
        {
            using var s = entry.Open();
            s.ReadExactly(into);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException or NotSupportedException)
        {
            throw new WeightsException($"{Path}: cannot read {entry.FullName} (damaged or truncated archive: {e.Message})", e);
        }
    }

    public void Dispose()
    {
        _zip.Dispose();
        _stream.Dispose();
    }
}
