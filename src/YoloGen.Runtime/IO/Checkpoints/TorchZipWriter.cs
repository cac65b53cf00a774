using System.IO.Compression;
using static TorchSharp.torch;

namespace YoloGen.IO.Checkpoints;

/// <summary>
/// Writes the torch.save container: <c>&lt;root&gt;/data.pkl</c>, one <c>&lt;root&gt;/data/&lt;key&gt;</c> entry per storage
/// (raw little-endian bytes, stored uncompressed) and <c>&lt;root&gt;/version</c>. Atomic: a temporary file in the same
/// folder is renamed over the target once complete.
/// </summary>
internal static class TorchZipWriter
{
    public static void Write(string path, byte[] pickle, IReadOnlyList<(string Key, Tensor Data)> storages)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("checkpoint IO needs a little-endian machine");
        string full = Path.GetFullPath(path);
        string root = Path.GetFileNameWithoutExtension(full);
        if (root.Length == 0) root = "archive";
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
            {
                using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
                {
                    Entry(zip, root + "/data.pkl", pickle);
                    foreach (var (key, data) in storages)
                    {
                        using var scope = NewDisposeScope();
                        var cpu = data.detach().cpu().contiguous();
                        Entry(zip, $"{root}/data/{key}", cpu.numel() == 0 ? [] : cpu.bytes);
                    }
                    Entry(zip, root + "/version", "3\n"u8);
                }
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

    private static void Entry(ZipArchive zip, string name, ReadOnlySpan<byte> bytes)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
        entry.LastWriteTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var s = entry.Open();
        s.Write(bytes);
    }

    private static void TryDelete(string file)
    {
        try { File.Delete(file); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
