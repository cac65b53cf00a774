using YoloGen.Data;
using Xunit;

namespace YoloGen.Runtime.Tests.Data;

public sealed class DetectionDatasetTests
{
    private static string MakeDataset(TempDir dir)
    {
        TestImages.WriteSample(dir.Path, "train", "a", 64, 48, (0, 8, 8, 24, 24));
        TestImages.WriteSample(dir.Path, "train", "b", 40, 40, (1, 4, 4, 20, 30), (0, 20, 10, 36, 36));
        TestImages.WriteSample(dir.Path, "train", "c", 50, 30);              // empty label file
        TestImages.WriteSample(dir.Path, "train", "d", 30, 30, (0, 1, 1, 9, 9));
        File.Delete(dir.Combine("labels", "train", "d.txt"));                // missing label: background
        File.AppendAllText(dir.Combine("labels", "train", "b.txt"), "7 0.5 0.5 0.1 0.1\n0 0.5\n");
        File.WriteAllText(dir.Combine("images", "train", "broken.jpg"), "not an image");
        var png = File.ReadAllBytes(dir.Combine("images", "train", "a.png"));
        File.WriteAllBytes(dir.Combine("images", "train", "truncated.png"), png[..(png.Length / 2)]);
        TestImages.WriteSample(dir.Path, "train", "tiny", 8, 8);              // below 10 px
        return dir.File("data.yaml", "path: .\ntrain: images/train\nval: images/train\nnames: [a, b]\n");
    }

    [Fact]
    public void Scan_skips_and_counts_corrupt_images_and_lines_and_keeps_backgrounds()
    {
        using var dir = new TempDir();
        var cfg = DatasetConfig.Load(MakeDataset(dir));

        var ds = DetectionDataset.Load(cfg, "train", useCache: false);

        var r = ds.Report;
        Assert.Equal(7, r.ImagesFound);
        Assert.Equal(4, r.ImagesUsable);
        Assert.Equal(3, r.CorruptImages);
        Assert.Equal(1, r.MissingLabels);
        Assert.Equal(1, r.EmptyLabels);
        Assert.Equal(2, r.CorruptLines);
        Assert.Equal(3, r.Boxes);
        Assert.Equal(["a.png", "b.png", "c.png", "d.png"], ds.Samples.Select(s => Path.GetFileName(s.ImagePath)));
        Assert.Equal((40, 40), (ds.Samples[1].Width, ds.Samples[1].Height));
        Assert.Contains(r.Warnings, w => w.File.EndsWith("broken.jpg") && w.Message.Contains("image skipped"));
        Assert.Contains(r.Warnings, w => w.File.EndsWith("truncated.png") && w.Message.Contains("truncated"));
        Assert.Contains(r.Warnings, w => w.File.EndsWith("tiny.png") && w.Message.Contains("below 10"));
        Assert.Contains(r.Warnings, w => w.File.EndsWith("b.txt") && w.Line == 3 && w.Message.Contains("exceeds"));
        Assert.Contains(r.Warnings, w => w.File.EndsWith("b.txt") && w.Line == 4);
    }

    [Fact]
    public void Second_load_comes_from_the_label_cache_until_a_label_changes()
    {
        using var dir = new TempDir();
        var cfg = DatasetConfig.Load(MakeDataset(dir));

        var first = DetectionDataset.Load(cfg, "train");
        var second = DetectionDataset.Load(cfg, "train");

        Assert.False(first.Report.FromCache);
        Assert.True(second.Report.FromCache);
        Assert.Equal(dir.Combine("labels", "train.cache.json"), second.Report.CachePath);
        Assert.True(File.Exists(second.Report.CachePath));
        Assert.Equal(first.Report with { FromCache = true, Warnings = second.Report.Warnings }, second.Report);
        Assert.Equal(first.Report.Warnings, second.Report.Warnings);
        Assert.Equal(first.Samples.SelectMany(s => s.Labels), second.Samples.SelectMany(s => s.Labels));

        var label = dir.Combine("labels", "train", "a.txt");
        File.AppendAllText(label, "1 0.5 0.5 0.25 0.25\n");
        var third = DetectionDataset.Load(cfg, "train");

        Assert.False(third.Report.FromCache);
        Assert.Equal(4, third.Report.Boxes);
    }

    [Fact]
    public void The_cache_is_invalidated_when_an_image_changes_and_its_label_does_not()
    {
        using var dir = new TempDir();
        var cfg = DatasetConfig.Load(MakeDataset(dir));
        DetectionDataset.Load(cfg, "train");
        var image = dir.Combine("images", "train", "a.png");
        var written = File.GetLastWriteTimeUtc(image);

        // The same bytes with another modification time (set, not waited for): rescanned.
        File.SetLastWriteTimeUtc(image, written.AddHours(-1));
        Assert.False(DetectionDataset.Load(cfg, "train").Report.FromCache);
        Assert.True(DetectionDataset.Load(cfg, "train").Report.FromCache);

        // Another picture under the same name, label untouched: rescanned, with the new size.
        ImageCodec.Encode(TestImages.WithRectangles(80, 60).Image, image);
        File.SetLastWriteTimeUtc(image, written.AddHours(-1));
        var reloaded = DetectionDataset.Load(cfg, "train");
        Assert.False(reloaded.Report.FromCache);
        Assert.Equal((80, 60), (reloaded.Samples[0].Width, reloaded.Samples[0].Height));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("truncated")]
    [InlineData("entries null")]
    [InlineData("box of one number")]
    [InlineData("entry missing")]
    public void A_corrupt_label_cache_is_rescanned_and_rewritten(string damage)
    {
        using var dir = new TempDir();
        var cfg = DatasetConfig.Load(MakeDataset(dir));
        var first = DetectionDataset.Load(cfg, "train");
        var cache = first.Report.CachePath!;
        var text = File.ReadAllText(cache);
        var doc = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        var entries = doc["Entries"]!.AsArray();
        switch (damage)
        {
            case "garbage": text = "\u0000 not json"; break;
            case "truncated": text = text[..(text.Length / 2)]; break;
            case "entries null": doc["Entries"] = null; text = doc.ToJsonString(); break;
            case "box of one number": entries[0]!["Boxes"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonArray(0)); text = doc.ToJsonString(); break;
            case "entry missing": entries.RemoveAt(0); text = doc.ToJsonString(); break;
        }
        File.WriteAllText(cache, text);

        var second = DetectionDataset.Load(cfg, "train");

        Assert.False(second.Report.FromCache);
        Assert.Equal(first.Samples.SelectMany(s => s.Labels), second.Samples.SelectMany(s => s.Labels));
        Assert.Equal(first.Report.ImagesUsable, second.Report.ImagesUsable);
        Assert.True(DetectionDataset.Load(cfg, "train").Report.FromCache); // rewritten whole
    }

    [Fact]
    public void Label_cache_is_keyed_by_the_class_count()
    {
        using var dir = new TempDir();
        MakeDataset(dir);
        DetectionDataset.Load(DatasetConfig.Parse("train: images/train\nval: images/train\nnames: [a, b]\n", dir.Combine("data.yaml")), "train");
        var wider = DetectionDataset.Load(DatasetConfig.Parse("train: images/train\nval: images/train\nnames: [a, b, c, d, e, f, g, h]\n", dir.Combine("data.yaml")), "train");

        Assert.False(wider.Report.FromCache);
        Assert.Equal(1, wider.Report.CorruptLines); // class 7 is now valid
    }

    [Fact]
    public void A_split_where_every_image_is_corrupt_is_an_error()
    {
        using var dir = new TempDir();
        dir.File("images/train/x.jpg", "garbage");
        var cfg = DatasetConfig.Parse("train: images/train\nval: images/train\nnames: [a]\n", dir.Combine("data.yaml"));

        var e = Assert.Throws<DatasetException>(() => DetectionDataset.Load(cfg, "train", useCache: false));

        Assert.Equal("train", e.Field);
        Assert.Equal(1, e.Line);
        Assert.Contains("none of the 1 images is usable", e.Message);
    }
}
