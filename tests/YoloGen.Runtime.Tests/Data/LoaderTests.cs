using YoloGen.Data;
using Xunit;

namespace YoloGen.Runtime.Tests.Data;

/// <summary>Batch layout, determinism across worker counts, validation batches. Uses a small synthetic dataset.</summary>
public sealed class LoaderTests : IClassFixture<LoaderTests.SmallDataset>
{
    private readonly SmallDataset _data;

    public LoaderTests(SmallDataset data) => _data = data;

    public sealed class SmallDataset : IDisposable
    {
        private readonly TempDir _dir = new();

        public SmallDataset()
        {
            var yaml = SyntheticDataset.Generate(_dir.Combine("synth"),
                new SyntheticOptions { Seed = 5, TrainImages = 23, ValImages = 11, MinImageSize = 96, MaxImageSize = 176, MinObjectSize = 12 });
            Config = DatasetConfig.Load(yaml);
            Train = DetectionDataset.Load(Config, "train");
            Val = DetectionDataset.Load(Config, "val");
        }

        public DatasetConfig Config { get; }

        public DetectionDataset Train { get; }

        public DetectionDataset Val { get; }

        public void Dispose() => _dir.Dispose();
    }

    private static LoaderOptions Options(int workers, long seed = 1) => new()
    {
        ImageSize = 96, BatchSize = 5, Workers = workers, Prefetch = 2, Seed = seed, Epochs = 3,
        Augment = AugmentOptions.Default with { CloseMosaic = 1 },
    };

    [Fact]
    public void Train_batches_have_the_loss_layout()
    {
        var loader = new TrainLoader(_data.Train, Options(workers: 2));
        var batches = loader.Epoch(0).ToList();

        Assert.Equal(5, loader.BatchesPerEpoch);
        Assert.Equal([5, 5, 5, 5, 3], batches.Select(b => b.BatchSize));
        Assert.Equal(Enumerable.Range(0, 23), batches.SelectMany(b => b.Indices).Order());
        foreach (var b in batches)
        {
            Assert.Equal((96, 96), (b.Height, b.Width));
            Assert.Equal(b.BatchSize * 3 * 96 * 96, b.Images.Length);
            Assert.All(b.Images, v => Assert.InRange(v, 0f, 1f));
            Assert.Equal(b.TargetCount, b.Cls.Length);
            Assert.Equal(4 * b.TargetCount, b.Bboxes.Length);
            Assert.Equal(b.BatchIdx.Order(), b.BatchIdx);
            Assert.All(b.BatchIdx, i => Assert.InRange(i, 0, b.BatchSize - 1));
            Assert.All(b.Cls, c => Assert.True(c >= 0 && c < _data.Config.NumClasses && c == MathF.Floor(c)));
            for (var t = 0; t < b.TargetCount; t++)
            {
                float cx = b.Bboxes[4 * t], cy = b.Bboxes[4 * t + 1], w = b.Bboxes[4 * t + 2], h = b.Bboxes[4 * t + 3];
                Assert.True(w > 2f / 96 && h > 2f / 96, "box_candidates keeps only boxes wider and taller than 2 px");
                Assert.True(cx - w / 2 >= -1e-5 && cx + w / 2 <= 1 + 1e-5 && cy - h / 2 >= -1e-5 && cy + h / 2 <= 1 + 1e-5);
            }
        }
        Assert.True(batches.Sum(b => b.TargetCount) > 0);

        using var tensors = batches[0].ToTensors();
        Assert.Equal([5L, 3, 96, 96], tensors.Images.shape);
        Assert.Equal([(long)batches[0].TargetCount], tensors.BatchIdx.shape);
        Assert.Equal([(long)batches[0].TargetCount, 1], tensors.Cls.shape);
        Assert.Equal([(long)batches[0].TargetCount, 4], tensors.Bboxes.shape);
        Assert.Equal(batches[0].Bboxes[3], tensors.Bboxes[0, 3].item<float>());
        Assert.Equal(TorchSharp.torch.ScalarType.Float32, tensors.Images.dtype);
    }

    [Fact]
    public void Same_seed_gives_the_same_batches_with_one_or_four_workers_or_none()
    {
        var one = Flatten(new TrainLoader(_data.Train, Options(workers: 1)).Epoch(1));
        var four = Flatten(new TrainLoader(_data.Train, Options(workers: 4)).Epoch(1));
        var inline = Flatten(new TrainLoader(_data.Train, Options(workers: 0)).Epoch(1));

        Assert.Equal(one, four);
        Assert.Equal(one, inline);
    }

    [Fact]
    public void Cached_images_give_the_same_batches_as_decoding_every_time()
    {
        // The cache shares decoded images between epochs and workers: augmentation must never write into them.
        var cached = new TrainLoader(_data.Train, Options(workers: 4) with { CacheImages = true });
        var plain = new TrainLoader(_data.Train, Options(workers: 0));
        foreach (int epoch in new[] { 0, 1, 2 })
            Assert.Equal(Flatten(plain.Epoch(epoch)), Flatten(cached.Epoch(epoch)));
    }

    [Fact]
    public void Epochs_and_seeds_change_order_and_augmentation()
    {
        var loader = new TrainLoader(_data.Train, Options(workers: 2));
        Assert.NotEqual(loader.EpochOrder(0), loader.EpochOrder(1));
        Assert.NotEqual(Flatten(loader.Epoch(0)), Flatten(loader.Epoch(1)));
        Assert.NotEqual(Flatten(loader.Epoch(0)), Flatten(new TrainLoader(_data.Train, Options(2, seed: 2)).Epoch(0)));
        Assert.Equal(Flatten(loader.Epoch(0)), Flatten(loader.Epoch(0)));
    }

    [Fact]
    public void Disposed_batches_recycle_their_image_buffers_without_changing_results()
    {
        var loader = new TrainLoader(_data.Train, Options(workers: 2));
        var expected = Flatten(loader.Epoch(0));
        var buffers = new HashSet<float[]>(ReferenceEqualityComparer.Instance);
        var actual = new List<float>();
        foreach (var b in loader.Epoch(0))
        {
            actual.AddRange(Flatten([b]));
            buffers.Add(b.Images);
            b.Dispose();
            Assert.Throws<ObjectDisposedException>(() => b.ToTensors());
        }

        Assert.Equal(expected, actual);
        Assert.True(buffers.Count < loader.BatchesPerEpoch, $"{buffers.Count} distinct buffers for {loader.BatchesPerEpoch} batches");
    }

    [Fact]
    public void Augmentation_reuses_its_pixel_buffers_once_warm()
    {
        // An image size no other test uses, so the shared pools hold buffers of these sizes for this test only.
        var loader = new TrainLoader(_data.Train, Options(workers: 0) with { ImageSize = 224, CacheImages = true });
        foreach (var b in loader.Epoch(0)) b.Dispose(); // fills the image cache and stocks the pools
        long before = GC.GetAllocatedBytesForCurrentThread();
        int samples = 0;
        foreach (var b in loader.Epoch(1))
        {
            samples += b.BatchSize;
            b.Dispose();
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Without reuse every mosaic sample allocates a 2s × 2s canvas and an s × s warp output: 5 images' worth.
        long imageBytes = 224L * 224 * 3;
        Assert.True(allocated < samples * imageBytes / 2,
            $"{allocated:N0} bytes allocated for {samples} samples ({(double)allocated / samples / imageBytes:F2} images' worth each)");
    }

    [Fact]
    public void Last_epochs_run_without_mosaic_and_keep_boxes_on_the_letterboxed_image()
    {
        var loader = new TrainLoader(_data.Train, Options(workers: 0));
        Assert.True(loader.MosaicActive(1));
        Assert.False(loader.MosaicActive(2));
        var batch = loader.Epoch(2).First();
        Assert.Equal(5, batch.BatchSize);
        Assert.Equal(loader.EpochOrder(2)[..5], batch.Indices);
    }

    [Fact]
    public void Stopping_early_stops_the_workers_and_errors_surface_in_order()
    {
        var loader = new TrainLoader(_data.Train, Options(workers: 3));
        Assert.Single(loader.Epoch(0).Take(1));

        var built = OrderedPrefetch.Run(6, i => i == 3 ? throw new InvalidOperationException("boom") : i, 2, 2, "t");
        using var e = built.GetEnumerator();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(e.MoveNext());
            Assert.Equal(i, e.Current);
        }
        Assert.Equal("boom", Assert.Throws<InvalidOperationException>(() => e.MoveNext()).Message);
    }

    [Fact]
    public void Val_batches_are_letterboxed_rect_shapes_with_mappings_back_to_the_originals()
    {
        var loader = new ValLoader(_data.Val, new LoaderOptions { ImageSize = 96, BatchSize = 4, Workers = 2 });
        var batches = loader.Batches().ToList();

        Assert.Equal(3, batches.Count);
        Assert.Equal(Enumerable.Range(0, 11), batches.SelectMany(b => b.Indices).Order());
        var aspects = batches.SelectMany(b => b.Infos).Select(i => (double)i.OriginalHeight / i.OriginalWidth).ToList();
        Assert.Equal(aspects.Order(), aspects);
        foreach (var b in batches)
        {
            Assert.Equal(0, b.Height % 32);
            Assert.Equal(0, b.Width % 32);
            var t = 0;
            for (var j = 0; j < b.BatchSize; j++)
            {
                var info = b.Infos[j];
                var sample = _data.Val.Samples[b.Indices[j]];
                Assert.Equal((sample.Width, sample.Height), (info.OriginalWidth, info.OriginalHeight));
                Assert.Equal(96.0 / Math.Max(sample.Width, sample.Height), info.Geometry.GainX, 1e-2);
                Assert.Equal(sample.Labels.Length, info.GroundTruth.Length);
                foreach (var gt in info.GroundTruth)
                {
                    // The normalized target, scaled to the canvas and mapped back, is the ground truth.
                    Assert.Equal(j, (int)b.BatchIdx[t]);
                    float cx = b.Bboxes[4 * t] * b.Width, cy = b.Bboxes[4 * t + 1] * b.Height;
                    float w = b.Bboxes[4 * t + 2] * b.Width, h = b.Bboxes[4 * t + 3] * b.Height;
                    var (x1, y1, x2, y2) = info.Geometry.ToSource(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2);
                    Assert.Equal(gt.X1, x1, 0.01);
                    Assert.Equal(gt.Y1, y1, 0.01);
                    Assert.Equal(gt.X2, x2, 0.01);
                    Assert.Equal(gt.Y2, y2, 0.01);
                    t++;
                }
            }
            Assert.Equal(t, b.TargetCount);
        }
    }

    [Fact]
    public void Square_val_mode_uses_imgsz_for_every_batch()
    {
        var loader = new ValLoader(_data.Val, new LoaderOptions { ImageSize = 96, BatchSize = 4, Workers = 0, Rect = false });
        Assert.All(loader.Batches(), b => Assert.Equal((96, 96), (b.Height, b.Width)));
        Assert.Equal(Enumerable.Range(0, 11), loader.Order);
    }

    private static List<float> Flatten(IEnumerable<DetectionBatch> batches) =>
        batches.SelectMany(b => b.Images.Concat(b.BatchIdx).Concat(b.Cls).Concat(b.Bboxes).Concat(b.Indices.Select(i => (float)i))).ToList();
}
