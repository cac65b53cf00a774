using YoloGen.Data;
using Xunit;

namespace YoloGen.Runtime.Tests.Data;

/// <summary>
/// Image files as cameras and interrupted copies leave them: an EXIF orientation (the size, the pixels and the dataset
/// scan must all see the upright image, as the reference's reader does) and a JPEG cut short (skipped by the scan with
/// a warning naming it; decoding it directly is an error naming it).
/// </summary>
public sealed class ImageFileEdgeCaseTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A 60 × 40 JPEG, grey with a red 20 × 20 block in its stored top-left corner, tagged EXIF orientation 6.</summary>
    private string RotatedJpeg(string path)
    {
        var stored = TestImages.WithRectangles(60, 40, (0, 0, 20, 20)).Image;
        var jpeg = ImageCodec.Encode(stored, SkiaSharp.SKEncodedImageFormat.Jpeg, 95).ToArray();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, WithOrientation(jpeg, 6));
        return path;
    }

    /// <summary>Inserts an APP1 Exif segment holding only the orientation tag right after the JPEG's start marker.</summary>
    private static byte[] WithOrientation(byte[] jpeg, ushort orientation)
    {
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8,                       // big-endian TIFF header, IFD at 8
            0, 1,                                                           // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, (byte)(orientation >> 8), (byte)orientation, 0, 0, // Orientation, SHORT, 1
            0, 0, 0, 0,                                                     // no next IFD
        ];
        byte[] exif = [.. "Exif\0\0"u8, .. tiff];
        int length = exif.Length + 2;
        byte[] segment = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. exif];
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    [Fact]
    public void Exif_orientation_turns_size_pixels_and_scan_upright()
    {
        string path = RotatedJpeg(_dir.Combine("images", "train", "rotated.jpg"));

        Assert.Equal((40, 60), ImageCodec.Probe(path, out var problem));
        Assert.Null(problem);
        var image = ImageCodec.Decode(path);
        Assert.Equal((40, 60), (image.Width, image.Height));
        // Orientation 6 means "rotate 90° clockwise to view": the stored top-left block is now top-right.
        Assert.Equal((20, 0, 40, 20), TestImages.RegionOf(image, TestImages.Colours[0]));

        Directory.CreateDirectory(_dir.Combine("labels", "train"));
        File.WriteAllText(_dir.Combine("labels", "train", "rotated.txt"), "0 0.75 0.1666667 0.5 0.3333333\n");
        var config = DatasetConfig.Parse("train: images/train\nval: images/train\nnames: [a]\n", _dir.Combine("data.yaml"));
        var sample = DetectionDataset.Load(config, "train", useCache: false).Samples.Single();
        Assert.Equal((40, 60), (sample.Width, sample.Height));
    }

    [Theory]
    [InlineData(0.3)]  // inside the header: the codec cannot even start
    [InlineData(0.9)]  // inside the entropy-coded data: the header reads, the pixels do not
    public void A_truncated_jpeg_is_skipped_by_the_scan_and_named_when_decoded(double kept)
    {
        string good = RotatedJpeg(_dir.Combine("images", "train", "good.jpg"));
        var bytes = File.ReadAllBytes(good);
        string cut = _dir.Combine("images", "train", "cut.jpg");
        File.WriteAllBytes(cut, bytes[..(int)(bytes.Length * kept)]);
        var config = DatasetConfig.Parse("train: images/train\nval: images/train\nnames: [a]\n", _dir.Combine("data.yaml"));

        var dataset = DetectionDataset.Load(config, "train", useCache: false);

        Assert.Equal(["good.jpg"], dataset.Samples.Select(s => Path.GetFileName(s.ImagePath)));
        Assert.Equal(1, dataset.Report.CorruptImages);
        var warning = Assert.Single(dataset.Report.Warnings);
        Assert.Equal(cut, warning.File);
        Assert.Contains("truncated", warning.Message);
        Assert.Null(ImageCodec.Probe(cut, out var problem));
        Assert.Contains("truncated", problem);
        var e = Assert.Throws<DatasetException>(() => ImageCodec.Decode(cut));
        Assert.StartsWith(cut, e.Message);
    }
}
