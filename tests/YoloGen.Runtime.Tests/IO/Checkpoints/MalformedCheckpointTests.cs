using System.IO.Compression;
using System.Text;
using YoloGen.IO;
using YoloGen.IO.Checkpoints;
using Xunit;

namespace YoloGen.Runtime.Tests.IO.Checkpoints;

/// <summary>Each kind of bad checkpoint is a <see cref="WeightsException"/> naming the file and the defect.</summary>
public class MalformedCheckpointTests
{
    private static string Source => TestPaths.Checkpoint("yolo11n-seed0.v830.pt");

    /// <summary>A copy of the 8.3.0 checkpoint with data.pkl replaced (or an entry left out).</summary>
    internal static byte[] Rewrite(Func<byte[], byte[]>? pickle = null, string? dropEntry = null)
    {
        using var output = new MemoryStream();
        using (var dst = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, original) in Entries.Value)
            {
                if (dropEntry is not null && name.EndsWith(dropEntry, StringComparison.Ordinal)) continue;
                var bytes = pickle is not null && name.EndsWith("/data.pkl", StringComparison.Ordinal) ? pickle(original) : original;
                using var d = dst.CreateEntry(name, CompressionLevel.NoCompression).Open();
                d.Write(bytes);
            }
        }
        return output.ToArray();
    }

    private static readonly Lazy<List<(string Name, byte[] Bytes)>> Entries = new(() =>
    {
        using var src = ZipFile.OpenRead(Source);
        return src.Entries.Select(e =>
        {
            using var ms = new MemoryStream();
            using (var s = e.Open()) s.CopyTo(ms);
            return (e.FullName, ms.ToArray());
        }).ToList();
    });

    private static string Fails(byte[] file)
    {
        using var temp = new TempFolder();
        string path = temp.File("bad.pt");
        File.WriteAllBytes(path, file);
        var e = Assert.Throws<WeightsException>(() => UltralyticsCheckpoint.Read(path).Dispose());
        Assert.Contains(path, e.Message);
        return e.Message;
    }

    [Fact]
    public void A_truncated_zip_is_refused()
    {
        var bytes = File.ReadAllBytes(Source);
        Assert.Contains("damaged or truncated", Fails(bytes[..(bytes.Length / 2)]));
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_refused()
    {
        Assert.Contains("not a PyTorch checkpoint", Fails(Encoding.UTF8.GetBytes("nc: 80\nbackbone: []\nhead: []\n")));
    }

    [Fact]
    public void A_global_outside_the_allow_list_is_refused_and_nothing_runs()
    {
        // {'model': os.system('touch <marker>')}: the reference's unpickler would run it.
        using var temp = new TempFolder();
        string marker = temp.File("executed");
        byte[] evil = [0x80, 2, (byte)'}', (byte)'X', 5, 0, 0, 0, .. "model"u8, (byte)'c', .. Encoding.ASCII.GetBytes("os\nsystem\n"),
            (byte)'X', .. BitConverter.GetBytes(6 + marker.Length), .. Encoding.ASCII.GetBytes("touch " + marker), 0x85, (byte)'R', (byte)'s', (byte)'.'];
        string message = Fails(Rewrite(_ => evil));
        Assert.Contains("global 'os.system' is not on the allow-list", message);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void A_missing_storage_is_refused_naming_its_key()
    {
        Assert.Contains("storage '0' is referenced by data.pkl but yolo11n-seed0.v830/data/0 is not in the archive", Fails(Rewrite(dropEntry: "/data/0")));
    }

    [Fact]
    public void A_huge_declared_storage_size_is_refused_before_allocating()
    {
        // The first persistent id declares 432 elements (BININT2 0x01b0); make it 2^31-1 (BININT 0x7fffffff).
        var message = Fails(Rewrite(p =>
        {
            int at = IndexOf(p, [(byte)'X', 3, 0, 0, 0, (byte)'c', (byte)'p', (byte)'u']);
            int numel = at + 8 + 2; // after 'cpu' and its BINPUT
            Assert.Equal((byte)'M', p[numel]);
            return [.. p[..numel], (byte)'J', 0xff, 0xff, 0xff, 0x7f, .. p[(numel + 3)..]];
        }));
        Assert.Contains("storage '0'", message);
        Assert.Contains("declares", message);
    }

    [Fact]
    public void A_pickle_that_is_not_a_checkpoint_dictionary_is_refused()
    {
        Assert.Contains("does not hold a dictionary", Fails(Rewrite(_ => [0x80, 2, (byte)'K', 7, (byte)'.'])));
        Assert.Contains("no 'model' or 'ema' entry", Fails(Rewrite(_ => [0x80, 2, (byte)'}', (byte)'.'])));
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        throw new InvalidOperationException("pattern not found");
    }
}
