using System.Diagnostics;
using YoloGen.IO;
using YoloGen.IO.Checkpoints;
using Xunit;
using Xunit.Abstractions;

namespace YoloGen.Runtime.Tests.IO.Checkpoints;

/// <summary>
/// 1,200 seeded mutations of a real checkpoint (bytes flipped, runs overwritten, truncations, in the pickle and in the
/// whole zip): every read either succeeds or is a <see cref="WeightsException"/>; none throws anything else, none takes
/// longer than 30 s (a hang), and no file appears from a pickled command.
/// </summary>
public class CheckpointFuzzTests(ITestOutputHelper output)
{
    private const int Cases = 1200;

    [Fact]
    public void Mutated_checkpoints_are_read_or_refused_cleanly()
    {
        using var temp = new TempFolder();
        byte[] pickle = ReadPickle();
        var rng = new Random(20261202);
        int read = 0, refused = 0;
        var slowest = TimeSpan.Zero;
        for (int n = 0; n < Cases; n++)
        {
            bool wholeFile = n % 4 == 3;
            byte[] file = wholeFile ? Mutate(File.ReadAllBytes(TestPaths.Checkpoint("yolo11n-seed0.v830.pt")), rng, protectHead: 0)
                : MalformedCheckpointTests.Rewrite(_ => Mutate(pickle, rng, protectHead: 2));
            string path = temp.File($"case{n}.pt");
            File.WriteAllBytes(path, file);
            var watch = Stopwatch.StartNew();
            try
            {
                using var c = UltralyticsCheckpoint.Read(path);
                read++;
            }
            catch (WeightsException e)
            {
                Assert.Contains(path, e.Message);
                refused++;
            }
            catch (Exception e)
            {
                Assert.Fail($"case {n}: unhandled {e.GetType().Name}: {e.Message}");
            }
            watch.Stop();
            if (watch.Elapsed > slowest) slowest = watch.Elapsed;
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"case {n} took {watch.Elapsed}");
            File.Delete(path);
        }
        Assert.Empty(Directory.GetFiles(temp.Path));
        output.WriteLine($"{Cases} mutated checkpoints: {read} read, {refused} refused with a WeightsException, 0 other exceptions; slowest {slowest.TotalMilliseconds:F0} ms");
        Assert.Equal(Cases, read + refused);
        Assert.True(refused > Cases / 4, $"only {refused} refusals: the mutations hardly reach the parser");
    }

    private static byte[] ReadPickle()
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(TestPaths.Checkpoint("yolo11n-seed0.v830.pt"));
        using var ms = new MemoryStream();
        using (var s = zip.Entries.Single(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal)).Open()) s.CopyTo(ms);
        return ms.ToArray();
    }

    private static byte[] Mutate(byte[] source, Random rng, int protectHead)
    {
        var b = (byte[])source.Clone();
        switch (rng.Next(4))
        {
            case 0: // flip a few bytes
                for (int k = rng.Next(1, 8); k > 0; k--) b[rng.Next(protectHead, b.Length)] = (byte)rng.Next(256);
                return b;
            case 1: // overwrite a run with one value (lengths, counts, opcodes)
                int at = rng.Next(protectHead, b.Length), len = Math.Min(rng.Next(1, 16), b.Length - at);
                byte v = (byte)(rng.Next(2) == 0 ? 0xff : rng.Next(256));
                for (int i = 0; i < len; i++) b[at + i] = v;
                return b;
            case 2: // truncate
                return b[..rng.Next(protectHead, b.Length)];
            default: // duplicate a slice in place (repeated structure, shifted offsets)
                int from = rng.Next(protectHead, b.Length), size = Math.Min(rng.Next(1, 64), b.Length - from);
                return [.. b[..from], .. b.AsSpan(from, size), .. b[from..]];
        }
    }
}
