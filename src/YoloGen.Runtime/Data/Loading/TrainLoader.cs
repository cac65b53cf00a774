namespace YoloGen.Data;

/// <summary>
/// Augmented training batches: a seeded shuffle per epoch, every sample built by <see cref="TrainTransform"/>
/// with its own random stream (seed, epoch, image index), batches built by worker threads ahead of the
/// consumer. The same seed gives the same batches whatever the number of workers.
/// </summary>
public sealed class TrainLoader
{
    private const long ShuffleStream = -1;

    public TrainLoader(DetectionDataset dataset, LoaderOptions options)
    {
        options.Check();
        Dataset = dataset;
        Options = options;
        Transform = new TrainTransform(new SampleImages(dataset, options.ImageSize, options.CacheImages), options.Augment);
    }

    public DetectionDataset Dataset { get; }

    public LoaderOptions Options { get; }

    public TrainTransform Transform { get; }

    /// <summary>Batches per epoch (the last one may be smaller).</summary>
    public int BatchesPerEpoch => (Dataset.Count + Options.BatchSize - 1) / Options.BatchSize;

    /// <summary>Whether mosaic runs in this 0-based epoch (off for the last close_mosaic epochs).</summary>
    public bool MosaicActive(int epoch) => Options.Augment.MosaicActive(epoch, Options.Epochs);

    /// <summary>Dataset indices in the order epoch <paramref name="epoch"/> visits them.</summary>
    public int[] EpochOrder(int epoch)
    {
        var order = Enumerable.Range(0, Dataset.Count).ToArray();
        if (Options.Shuffle)
            Rng.For(Options.Seed, epoch, ShuffleStream).Shuffle(order);
        return order;
    }

    /// <summary>The batches of one epoch, in order; stop enumerating to stop the workers.</summary>
    public IEnumerable<DetectionBatch> Epoch(int epoch)
    {
        var order = EpochOrder(epoch);
        var mosaic = MosaicActive(epoch);
        return OrderedPrefetch.Run(BatchesPerEpoch, k => BuildBatch(order, k, epoch, mosaic),
            Options.Workers, Options.Prefetch, "yologen-train-loader");
    }

    /// <summary>The augmented sample <paramref name="index"/> as epoch <paramref name="epoch"/> sees it.</summary>
    public LabeledImage Sample(int index, int epoch) =>
        Transform.Apply(index, Rng.For(Options.Seed, epoch, index), MosaicActive(epoch));

    private DetectionBatch BuildBatch(int[] order, int k, int epoch, bool mosaic)
    {
        var start = k * Options.BatchSize;
        var n = Math.Min(Options.BatchSize, order.Length - start);
        var items = new LabeledImage[n];
        var indices = new int[n];
        var files = new string[n];
        for (var j = 0; j < n; j++)
        {
            var index = order[start + j];
            indices[j] = index;
            files[j] = Dataset.Samples[index].ImagePath;
            items[j] = Transform.Apply(index, Rng.For(Options.Seed, epoch, index), mosaic);
        }
        var size = Options.ImageSize;
        var (images, batchIdx, cls, bboxes) = DetectionBatch.Collate(items, size, size);
        return new DetectionBatch
        {
            Height = size,
            Width = size,
            Images = images,
            BatchIdx = batchIdx,
            Cls = cls,
            Bboxes = bboxes,
            Indices = indices,
            Files = files,
        };
    }
}
