namespace YoloGen.Data;

/// <summary>
/// The reference's default detection training pipeline (v8_transforms) for one sample:
/// mosaic of 4 (or letterbox to imgsz when mosaic is off) → random affine → HSV → flips. Every random draw
/// comes from one stream per (seed, epoch, image index), in the reference's order. Intermediate images are
/// recycled as soon as the next step has consumed them; the result is the caller's.
/// </summary>
public sealed class TrainTransform
{
    public TrainTransform(SampleImages images, AugmentOptions options)
    {
        Images = images;
        Options = options;
    }

    public SampleImages Images { get; }

    public AugmentOptions Options { get; }

    public int ImageSize => Images.ImageSize;

    /// <summary>The augmented sample <paramref name="index"/>: an imgsz × imgsz image and its boxes in pixels.</summary>
    public LabeledImage Apply(int index, Rng rng, bool mosaic)
    {
        var s = ImageSize;
        var o = Options;
        LabeledImage result;
        if (mosaic && o.Mosaic > 0 && rng.NextDouble() < o.Mosaic)
        {
            // Partners are drawn from the whole dataset (the reference's RAM-cache mode) rather than from a
            // buffer of recently loaded images, which would depend on thread timing.
            var tiles = new LabeledImage[4];
            tiles[0] = Images.Load(index);
            for (var i = 1; i < 4; i++)
                tiles[i] = Images.Load(rng.NextInt(Images.Count));
            var canvas = Mosaic.Combine(tiles, s, rng);
            foreach (var tile in tiles)
                Images.Release(tile);
            result = Replace(canvas, RandomAffine.Apply(canvas, o, Mosaic.Border(s), rng));
        }
        else
        {
            var loaded = Images.Load(index);
            var boxed = Letterbox.Apply(loaded, s, s); // always a new image
            Images.Release(loaded);
            result = Replace(boxed, RandomAffine.Apply(boxed, o, 0, rng));
        }

        RandomHsv.Apply(result.Image, o.HsvH, o.HsvS, o.HsvV, rng); // in place: result is ours
        if (rng.NextDouble() < o.FlipUD)
            result = Replace(result, Flip.Vertical(result));
        if (rng.NextDouble() < o.FlipLR)
            result = Replace(result, Flip.Horizontal(result));
        return result;
    }

    /// <summary>Recycles the image of a step's input once the step has produced a different one.</summary>
    private static LabeledImage Replace(LabeledImage consumed, LabeledImage produced)
    {
        if (!ReferenceEquals(consumed.Image, produced.Image))
            RgbImage.Recycle(consumed.Image);
        return produced;
    }
}
