using YoloGen.Data;
using Xunit;

namespace YoloGen.Runtime.Tests.Data;

public sealed class DatasetYamlTests
{
    [Fact]
    public void Names_as_a_list_and_paths_relative_to_the_dataset_root()
    {
        using var dir = new TempDir();
        var yaml = dir.File("cfg/data.yaml", "path: ../ds\ntrain: images/train\nval: [images/val, extra/val]\ntest:\nnames: [cat, dog, 'bird']\n");

        var cfg = DatasetConfig.Load(yaml);

        Assert.Equal(dir.Combine("ds"), cfg.Root);
        Assert.Equal(["cat", "dog", "bird"], cfg.Names);
        Assert.Equal([dir.Combine("ds", "images", "train")], cfg.Train.Paths);
        Assert.Equal([dir.Combine("ds", "images", "val"), dir.Combine("ds", "extra", "val")], cfg.Val.Paths);
        Assert.Null(cfg.Test);
        Assert.Equal(2, cfg.Train.Line);
    }

    [Fact]
    public void Names_as_a_map_in_any_order_and_root_defaults_to_the_yaml_folder()
    {
        using var dir = new TempDir();
        var yaml = dir.File("data.yaml", "train: a.txt\nval: b\nnc: 3\nnames:\n  2: car\n  0: person\n  1: \"bicycle\"\n");

        var cfg = DatasetConfig.Load(yaml);

        Assert.Equal(dir.Path, cfg.Root);
        Assert.Equal(["person", "bicycle", "car"], cfg.Names);
        Assert.Equal(3, cfg.NumClasses);
    }

    [Fact]
    public void Only_nc_gives_generic_names()
    {
        using var dir = new TempDir();
        var cfg = DatasetConfig.Load(dir.File("d.yaml", "train: t\nval: v\nnc: 2\n"));
        Assert.Equal(["class_0", "class_1"], cfg.Names);
    }

    [Theory]
    [InlineData("train: t\nval: v\nnames:\n  0: a\n  x: b\n", 5, "names", "'x' is not a class index")]
    [InlineData("train: t\nval: v\nnames:\n  0: a\n  2: b\n", 4, "names", "index 1 is missing")]
    [InlineData("train: t\nval: v\nnc: 3\nnames: [a, b]\n", 3, "nc", "nc is 3 but 'names' has 2 entries")]
    [InlineData("train: t\nval:\nnames: [a]\n", 2, "val", "empty")]
    [InlineData("train: t\nval: []\nnames: [a]\n", 2, "val", "empty list")]
    [InlineData("train: {a: 1}\nval: v\nnames: [a]\n", 1, "train", "expected a path or a list of paths")]
    [InlineData("train: t\nval: v\nnames: cats\n", 3, "names", "expected a list of names or a map")]
    [InlineData("train: t\nval: v\nnc: two\nnames: [a]\n", 3, "nc", "positive integer")]
    public void Bad_fields_are_reported_with_file_line_and_field(string text, int line, string field, string fragment)
    {
        using var dir = new TempDir();
        var yaml = dir.File("bad.yaml", text);

        var e = Assert.Throws<DatasetException>(() => DatasetConfig.Load(yaml));

        Assert.Equal(yaml, e.File);
        Assert.Equal(line, e.Line);
        Assert.Equal(field, e.Field);
        Assert.Contains(fragment, e.Message);
        Assert.StartsWith($"{yaml}:{line}: field '{field}': ", e.Message);
    }

    [Fact]
    public void Missing_required_split_is_an_error_naming_the_field()
    {
        using var dir = new TempDir();
        var yaml = dir.File("d.yaml", "train: t\nnames: [a]\n");
        var e = Assert.Throws<DatasetException>(() => DatasetConfig.Load(yaml));
        Assert.Equal("val", e.Field);
        Assert.Contains("required", e.Message);
    }

    [Fact]
    public void Missing_names_is_an_error()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<DatasetException>(() => DatasetConfig.Load(dir.File("d.yaml", "train: t\nval: v\n")));
        Assert.Equal("names", e.Field);
    }

    [Fact]
    public void Invalid_yaml_syntax_reports_the_line()
    {
        using var dir = new TempDir();
        var yaml = dir.File("d.yaml", "train: t\nval: v\nnames: [a, b\n");
        var e = Assert.Throws<DatasetException>(() => DatasetConfig.Load(yaml));
        Assert.NotNull(e.Line);
        Assert.True(e.Line >= 3, $"line {e.Line}");
        Assert.Contains("invalid YAML", e.Message);
    }

    [Fact]
    public void Duplicate_keys_are_reported_at_their_line()
    {
        using var dir = new TempDir();
        var yaml = dir.File("d.yaml", "train: t\nval: v\nnames:\n  0: a\n  0: b\n");
        var e = Assert.Throws<DatasetException>(() => DatasetConfig.Load(yaml));
        Assert.Equal(5, e.Line);
        Assert.Contains("Duplicate key", e.Message);
    }

    [Fact]
    public void Missing_yaml_file_is_reported()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<DatasetException>(() => DatasetConfig.Load(dir.Combine("nope.yaml")));
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void Label_path_replaces_the_last_images_segment_and_the_extension()
    {
        Assert.Equal("/d/images/x/labels/train/a.b.txt", ImageFiles.LabelPath("/d/images/x/images/train/a.b.jpg"));
        Assert.Equal("/d/labels/val/0001.txt", ImageFiles.LabelPath("/d/images/val/0001.PNG"));
        Assert.Equal("/flat/a.txt", ImageFiles.LabelPath("/flat/a.jpg"));
    }

    [Fact]
    public void Split_listed_in_a_txt_file_resolves_dot_slash_against_the_list_folder()
    {
        using var dir = new TempDir();
        TestImages.WriteSample(dir.Path, "train", "a", 32, 32);
        TestImages.WriteSample(dir.Path, "train", "b", 32, 32);
        dir.File("lists/train.txt", "./../images/train/b.png\nimages/train/a.png\nimages/train/notes.md\n\n");
        var cfg = DatasetConfig.Parse("train: lists/train.txt\nval: images/train\nnames: [x]\n", dir.Combine("data.yaml"));

        var files = ImageFiles.List(cfg.Train, cfg.Root);

        Assert.Equal([dir.Combine("images", "train", "a.png"), dir.Combine("images", "train", "b.png")], files);
    }

    [Fact]
    public void Nonexistent_or_empty_split_folder_is_an_error_naming_the_yaml_line()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Combine("images", "empty"));
        var cfg = DatasetConfig.Parse("names: [x]\ntrain: images/missing\nval: images/empty\n", dir.Combine("data.yaml"));

        var missing = Assert.Throws<DatasetException>(() => DetectionDataset.Load(cfg, "train"));
        var empty = Assert.Throws<DatasetException>(() => DetectionDataset.Load(cfg, "val"));

        Assert.Equal((2, "train"), (missing.Line!.Value, missing.Field!));
        Assert.Contains("does not exist", missing.Message);
        Assert.Equal((3, "val"), (empty.Line!.Value, empty.Field!));
        Assert.Contains("no images", empty.Message);
    }
}
