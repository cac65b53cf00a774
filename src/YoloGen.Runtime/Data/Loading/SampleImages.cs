using System.Collections.Concurrent;

namespace YoloGen.Data;

/// <summary>
/// Loads a dataset image resized so its long side equals the training size (the reference's <c>load_image</c>:
/// <c>ceil(side · r)</c> capped at imgsz, bilinear), with its boxes in pixels of the resized image. Optionally
/// keeps the resized images in memory (the reference's <c>cache=ram</c>).
/// </summary>
public sealed class SampleImages
{
    private readonly ConcurrentDictionary<int, RgbImage>? _cache;

    public SampleImages(DetectionDataset dataset, int imgsz, bool cacheInMemory = false)
    {
        if (imgsz <= 0)
            throw new ArgumentOutOfRangeException(nameof(imgsz), "image size must be positive");
        Dataset = dataset;
        ImageSize = imgsz;
        _cache = cacheInMemory ? new ConcurrentDictionary<int, RgbImage>() : null;
    }

    public DetectionDataset Dataset { get; }

    public int ImageSize { get; }

    public int Count => Dataset.Count;

    /// <summary>The resized image (shared when cached: do not modify it) and its boxes in its pixels.</summary>
    public LabeledImage Load(int index)
    {
        var sample = Dataset.Samples[index];
        var image = _cache is null ? Read(sample) : _cache.GetOrAdd(index, _ => Read(sample));
        var boxes = new PixelBox[sample.Labels.Length];
        for (var i = 0; i < boxes.Length; i++)
            boxes[i] = PixelBox.FromLabel(sample.Labels[i], image.Width, image.Height);
        return new LabeledImage(image, boxes);
    }

    /// <summary>Recycles an image from <see cref="Load"/> once it has been consumed, unless the cache holds it.</summary>
    internal void Release(LabeledImage loaded)
    {
        if (_cache is null)
            RgbImage.Recycle(loaded.Image);
    }

    private RgbImage Read(DatasetSample sample)
    {
        var img = ImageCodec.Decode(sample.ImagePath);
        var (w, h) = ResizedSize(img.Width, img.Height, ImageSize);
        if (w == img.Width && h == img.Height)
            return img;
        var resized = Resize.Bilinear(img, w, h);
        RgbImage.Recycle(img);
        return resized;
    }

    /// <summary>Long side → imgsz keeping the aspect ratio, as the reference rounds it.</summary>
    public static (int Width, int Height) ResizedSize(int width, int height, int imgsz)
    {
        var r = (double)imgsz / Math.Max(width, height);
        if (r == 1)
            return (width, height);
        return (Math.Min((int)Math.Ceiling(width * r), imgsz), Math.Min((int)Math.Ceiling(height * r), imgsz));
    }
}
