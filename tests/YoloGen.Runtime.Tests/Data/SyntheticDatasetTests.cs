using YoloGen.Data;
using Xunit;

namespace YoloGen.Runtime.Tests.Data;

public sealed class SyntheticDatasetTests
{
    private static readonly SyntheticOptions Small = new()
    {
        Seed = 42, TrainImages = 12, ValImages = 4, MinImageSize = 96, MaxImageSize = 160, MinObjectSize = 14,
        Classes = [ShapeKind.Circle, ShapeKind.Square, ShapeKind.Triangle, ShapeKind.Cross, ShapeKind.Ring, ShapeKind.Star],
    };

    [Theory]
    [InlineData("jpg")]
    [InlineData("png")]
    public void Same_seed_gives_byte_identical_files_and_another_seed_does_not(string format)
    {
        using var dir = new TempDir();
        var options = Small with { Format = format };
        SyntheticDataset.Generate(dir.Combine("a"), options);
        SyntheticDataset.Generate(dir.Combine("b"), options);
        SyntheticDataset.Generate(dir.Combine("c"), options with { Seed = 43 });

        var a = Files(dir.Combine("a"));
        var b = Files(dir.Combine("b"));
        var c = Files(dir.Combine("c"));

        Assert.Equal(a.Keys, b.Keys);
        Assert.Equal(12 + 4, a.Keys.Count(k => k.EndsWith("." + format)));
        foreach (var (name, bytes) in a)
            Assert.True(bytes.AsSpan().SequenceEqual(b[name]), $"{name} differs between two runs with the same seed");
        Assert.Contains(a, kv => kv.Key.EndsWith(format) && !kv.Value.AsSpan().SequenceEqual(c[kv.Key]));
    }

    [Fact]
    public void Generated_dataset_is_a_clean_ultralytics_dataset()
    {
        using var dir = new TempDir();
        var yaml = SyntheticDataset.Generate(dir.Combine("ds"), Small);

        var cfg = DatasetConfig.Load(yaml);
        Assert.Equal(["circle", "square", "triangle", "cross", "ring", "star"], cfg.Names);
        foreach (var split in new[] { "train", "val" })
        {
            var ds = DetectionDataset.Load(cfg, split);
            Assert.Empty(ds.Report.Warnings);
            Assert.Equal(split == "train" ? 12 : 4, ds.Count);
            foreach (var s in ds.Samples)
            {
                Assert.InRange(s.Width, 96, 160);
                Assert.InRange(s.Height, 96, 160);
                Assert.InRange(s.Labels.Length, 0, Small.MaxObjects);
                Assert.All(s.Labels, l => Assert.True(l.W * s.Width >= Small.MinObjectSize * 0.5 && l.H * s.Height >= Small.MinObjectSize * 0.5));
            }
        }
    }

    [Fact]
    public void Labels_enclose_the_drawn_shapes()
    {
        // Rendering the same image without objects gives its bare background (same noise): every pixel lying
        // wholly outside all label boxes must be unchanged, and every labelled shape must change its box.
        for (var index = 0; index < 8; index++)
        {
            var (img, labels) = SyntheticDataset.Render(Small, 0, index);
            var (bare, none) = SyntheticDataset.Render(Small with { EmptyFraction = 1 }, 0, index);
            Assert.Empty(none);
            var boxes = labels.Select(l => (X1: (l.Cx - l.W / 2) * img.Width, Y1: (l.Cy - l.H / 2) * img.Height,
                X2: (l.Cx + l.W / 2) * img.Width, Y2: (l.Cy + l.H / 2) * img.Height)).ToList();
            Assert.All(boxes, b => Assert.True(b.X1 >= -1e-3 && b.Y1 >= -1e-3 && b.X2 <= img.Width + 1e-3 && b.Y2 <= img.Height + 1e-3));
            for (var y = 0; y < img.Height; y++)
            {
                for (var x = 0; x < img.Width; x++)
                {
                    var outside = boxes.All(b => x + 1 <= b.X1 || x >= b.X2 || y + 1 <= b.Y1 || y >= b.Y2);
                    if (outside)
                        Assert.Equal(bare[x, y], img[x, y]);
                }
            }
            foreach (var b in boxes)
            {
                var changed = 0;
                for (var y = (int)b.Y1; y < (int)Math.Ceiling(b.Y2); y++)
                {
                    for (var x = (int)b.X1; x < (int)Math.Ceiling(b.X2); x++)
                        changed += img[x, y] != bare[x, y] ? 1 : 0;
                }
                Assert.True(changed > 0.2 * (b.X2 - b.X1) * (b.Y2 - b.Y1), $"box {b} of image {index} holds almost no shape pixels");
            }
        }
    }

    [Fact]
    public void Ensure_reuses_a_matching_dataset_and_refuses_foreign_folders()
    {
        using var dir = new TempDir();
        var root = dir.Combine("ds");
        var yaml = SyntheticDataset.Ensure(root, Small);
        // A time no regeneration could write: if Ensure rewrote the file, its time would be now.
        var first = Path.Combine(root, "images", "train", "000000.jpg");
        var stamp = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(first, stamp);

        Assert.Equal(yaml, SyntheticDataset.Ensure(root, Small));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(first));
        SyntheticDataset.Ensure(root, Small with { TrainImages = 5 });
        Assert.Equal(5, Directory.GetFiles(Path.Combine(root, "images", "train")).Length);

        dir.File("mine/notes.txt", "user data");
        Assert.Throws<IOException>(() => SyntheticDataset.Generate(dir.Combine("mine"), Small));
        Assert.True(File.Exists(dir.Combine("mine", "notes.txt")));
        Assert.Empty(Directory.GetDirectories(dir.Path, ".*tmp*"));
    }

    private static Dictionary<string, byte[]> Files(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".cache.json"))
            .ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllBytes);
}
