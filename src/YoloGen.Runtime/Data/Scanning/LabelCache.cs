using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace YoloGen.Data;

/// <summary>
/// Scan results of a split stored next to its labels (<c>labels/train</c> → <c>labels/train.cache.json</c>),
/// keyed by a hash of every image and label path with its size and modification time (and the class count),
/// so a second run reads no label file and decodes no image header unless something changed.
/// </summary>
internal static class LabelCache
{
    private const int Version = 1;

    public static string PathFor(IReadOnlyList<string> images)
    {
        var labelDir = Path.GetDirectoryName(ImageFiles.LabelPath(images[0]))!;
        return labelDir.TrimEnd(Path.DirectorySeparatorChar) + ".cache.json";
    }

    public static string Key(IReadOnlyList<string> images, int numClasses)
    {
        var sb = new StringBuilder();
        sb.Append(Version).Append('|').Append(numClasses).Append('\n');
        foreach (var image in images)
        {
            var fi = new FileInfo(image);
            var li = new FileInfo(ImageFiles.LabelPath(image));
            sb.Append(image).Append('|').Append(fi.Exists ? fi.Length : -1).Append('|')
              .Append(fi.Exists ? fi.LastWriteTimeUtc.Ticks : 0).Append('|')
              .Append(li.Exists ? li.Length : -1).Append('|').Append(li.Exists ? li.LastWriteTimeUtc.Ticks : 0).Append('\n');
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    /// <summary>
    /// The cached entries of <paramref name="images"/>, or null (rescan) when the file is missing, stale, unreadable or
    /// damaged: anything but one well-formed entry per image, in order.
    /// </summary>
    public static ScanEntry[]? TryRead(string path, string key, IReadOnlyList<string> images)
    {
        if (!File.Exists(path))
            return null;
        try
        {
            using var stream = File.OpenRead(path);
            var doc = JsonSerializer.Deserialize<CacheDocument>(stream);
            if (doc is null || doc.Version != Version || doc.Key != key || doc.Entries is null || doc.Entries.Count != images.Count)
                return null;
            for (var i = 0; i < images.Count; i++)
                if (!IsWellFormed(doc.Entries[i], images[i]))
                    return null;
            return doc.Entries.Select(FromDto).ToArray();
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null; // unreadable cache: rescan
        }
    }

    private static bool IsWellFormed(EntryDto? e, string image) =>
        e is { Label: not null, Boxes: not null, Warnings: not null } && e.Image == image
        && e.Boxes.All(b => b is { Length: 5 }) && e.Warnings.All(w => w is { File: not null, Message: not null });

    /// <summary>Writes atomically (temp file + rename); returns a problem text instead of throwing when it cannot.</summary>
    public static string? TryWrite(string path, string key, ScanEntry[] entries)
    {
        var tmp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            var doc = new CacheDocument { Version = Version, Key = key, Entries = entries.Select(ToDto).ToList() };
            using (var stream = File.Create(tmp))
                JsonSerializer.Serialize(stream, doc);
            File.Move(tmp, path, overwrite: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(tmp);
            }
            catch (Exception)
            {
                // best effort cleanup
            }
            return $"label cache not written ({e.Message})";
        }
    }

    private static EntryDto ToDto(ScanEntry e) => new()
    {
        Image = e.Image,
        Label = e.Label,
        W = e.Width,
        H = e.Height,
        Boxes = e.Boxes.Select(b => new[] { b.Cls, b.Cx, b.Cy, b.W, b.H }).ToList(),
        Corrupt = e.CorruptImage,
        State = e.State,
        CorruptLines = e.CorruptLines,
        Duplicates = e.Duplicates,
        Warnings = e.Warnings.Select(w => new WarningDto { File = w.File, Line = w.Line, Message = w.Message }).ToList(),
    };

    private static ScanEntry FromDto(EntryDto d) => new(
        d.Image, d.Label, d.W, d.H,
        d.Boxes.Select(b => new LabelBox((int)b[0], b[1], b[2], b[3], b[4])).ToArray(),
        d.Corrupt, d.State, d.CorruptLines, d.Duplicates,
        d.Warnings.Select(w => new DatasetWarning(w.File, w.Line, w.Message)).ToArray());

    private sealed class CacheDocument
    {
        public int Version { get; set; }
        public string Key { get; set; } = "";
        public List<EntryDto> Entries { get; set; } = [];
    }

    private sealed class EntryDto
    {
        public string Image { get; set; } = "";
        public string Label { get; set; } = "";
        public int W { get; set; }
        public int H { get; set; }
        public List<float[]> Boxes { get; set; } = [];
        public string? Corrupt { get; set; }
        public LabelState State { get; set; }
        public int CorruptLines { get; set; }
        public int Duplicates { get; set; }
        public List<WarningDto> Warnings { get; set; } = [];
    }

    private sealed class WarningDto
    {
        public string File { get; set; } = "";
        public int? Line { get; set; }
        public string Message { get; set; } = "";
    }
}
