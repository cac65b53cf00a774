namespace YoloGen.Data;

/// <summary>
/// Validation batches without augmentation. Each image is resized (long side = imgsz) and letterboxed without
/// upscaling; with <see cref="LoaderOptions.Rect"/> (the reference's default for validation) images are ordered
/// by aspect ratio and every batch gets the smallest stride-aligned shape that holds its images
/// (<c>ceil(shape · imgsz / stride + 0.5) · stride</c>), otherwise every image is imgsz × imgsz.
/// </summary>
public sealed class ValLoader
{
    private readonly SampleImages _images;
    private readonly (int Height, int Width)[] _batchShapes;

    public ValLoader(DetectionDataset dataset, LoaderOptions options)
    {
        options.Check();
        Dataset = dataset;
        Options = options;
        _images = new SampleImages(dataset, options.ImageSize, options.CacheImages);
        var n = dataset.Count;
        var batches = (n + options.BatchSize - 1) / options.BatchSize;
        if (!options.Rect)
        {
            Order = Enumerable.Range(0, n).ToArray();
            _batchShapes = Enumerable.Repeat((options.ImageSize, options.ImageSize), batches).ToArray();
            return;
        }
        var aspect = dataset.Samples.Select(s => (double)s.Height / s.Width).ToArray();
        Order = Enumerable.Range(0, n).OrderBy(i => aspect[i]).ToArray(); // stable: ties keep file order
        _batchShapes = new (int, int)[batches];
        for (var k = 0; k < batches; k++)
        {
            var slice = Order.Skip(k * options.BatchSize).Take(options.BatchSize).Select(i => aspect[i]).ToArray();
            double min = slice.Min(), max = slice.Max();
            var (h, w) = max < 1 ? (max, 1.0) : min > 1 ? (1.0, 1 / min) : (1.0, 1.0);
            _batchShapes[k] = (Align(h), Align(w));
        }

        int Align(double side) => (int)Math.Ceiling(side * options.ImageSize / options.Stride + 0.5) * options.Stride;
    }

    public DetectionDataset Dataset { get; }

    public LoaderOptions Options { get; }

    /// <summary>Dataset indices in batch order (sorted by aspect ratio in rect mode).</summary>
    public IReadOnlyList<int> Order { get; }

    public int BatchCount => _batchShapes.Length;

    /// <summary>(height, width) of batch <paramref name="k"/>.</summary>
    public (int Height, int Width) BatchShape(int k) => _batchShapes[k];

    public IEnumerable<ValBatch> Batches() =>
        OrderedPrefetch.Run(BatchCount, BuildBatch, Options.Workers, Options.Prefetch, "yologen-val-loader");

    private ValBatch BuildBatch(int k)
    {
        var (height, width) = _batchShapes[k];
        var start = k * Options.BatchSize;
        var n = Math.Min(Options.BatchSize, Order.Count - start);
        var items = new LabeledImage[n];
        var infos = new ValImageInfo[n];
        var indices = new int[n];
        for (var j = 0; j < n; j++)
        {
            var index = Order[start + j];
            var sample = Dataset.Samples[index];
            indices[j] = index;
            var loaded = _images.Load(index);
            items[j] = Letterbox.Apply(loaded, height, width, scaleUp: false, out var geometry); // a new image
            _images.Release(loaded);
            var truth = sample.Labels.Select(l => PixelBox.FromLabel(l, sample.Width, sample.Height)).ToArray();
            infos[j] = new ValImageInfo(sample.ImagePath, sample.Width, sample.Height,
                geometry.After(sample.Width, sample.Height), truth);
        }
        var (images, batchIdx, cls, bboxes) = DetectionBatch.Collate(items, height, width);
        return new ValBatch
        {
            Height = height,
            Width = width,
            Images = images,
            BatchIdx = batchIdx,
            Cls = cls,
            Bboxes = bboxes,
            Indices = indices,
            Files = infos.Select(i => i.File).ToArray(),
            Infos = infos,
        };
    }
}
