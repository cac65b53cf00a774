namespace YoloGen.Data;

/// <summary>
/// The usable images of one split with their boxes, after scanning (or reading the label cache). Corrupt
/// images and label lines are skipped and reported in <see cref="Report"/>; a split with nothing usable is an
/// error naming the dataset YAML.
/// </summary>
public sealed class DetectionDataset
{
    public DetectionDataset(string split, IReadOnlyList<string> names, IReadOnlyList<DatasetSample> samples, DatasetReport report)
    {
        Split = split;
        Names = names;
        Samples = samples;
        Report = report;
    }

    public string Split { get; }

    public IReadOnlyList<string> Names { get; }

    public int NumClasses => Names.Count;

    public IReadOnlyList<DatasetSample> Samples { get; }

    public int Count => Samples.Count;

    public DatasetReport Report { get; }

    /// <summary>Scans split <paramref name="split"/> of <paramref name="config"/>; <paramref name="useCache"/> reads and writes the label cache.</summary>
    public static DetectionDataset Load(DatasetConfig config, string split, bool useCache = true)
    {
        var source = config.Split(split);
        var images = ImageFiles.List(source, config.Root);

        ScanEntry[]? entries = null;
        string? cachePath = null, key = null, cacheProblem = null;
        if (useCache)
        {
            cachePath = LabelCache.PathFor(images);
            key = LabelCache.Key(images, config.NumClasses);
            entries = LabelCache.TryRead(cachePath, key, images);
        }
        var fromCache = entries is not null;
        entries ??= SplitScanner.Scan(images, config.NumClasses);
        if (useCache && !fromCache)
            cacheProblem = LabelCache.TryWrite(cachePath!, key!, entries);

        var samples = new List<DatasetSample>(entries.Length);
        var warnings = new List<DatasetWarning>();
        int corruptImages = 0, missing = 0, empty = 0, corruptLines = 0, duplicates = 0, boxes = 0;
        foreach (var e in entries)
        {
            warnings.AddRange(e.Warnings);
            corruptLines += e.CorruptLines;
            duplicates += e.Duplicates;
            if (e.CorruptImage is not null)
            {
                corruptImages++;
                continue;
            }
            if (e.State == LabelState.Missing)
                missing++;
            else if (e.State == LabelState.Empty)
                empty++;
            boxes += e.Boxes.Length;
            samples.Add(new DatasetSample(e.Image, e.Label, e.Width, e.Height, e.Boxes));
        }
        if (cacheProblem is not null)
            warnings.Add(new DatasetWarning(cachePath!, null, cacheProblem));
        if (samples.Count == 0)
            throw new DatasetException(source.YamlPath, source.Line, split,
                $"none of the {entries.Length} images is usable (all corrupt); first problem: {warnings.FirstOrDefault()}");

        var report = new DatasetReport
        {
            Split = split,
            ImagesFound = entries.Length,
            ImagesUsable = samples.Count,
            CorruptImages = corruptImages,
            MissingLabels = missing,
            EmptyLabels = empty,
            CorruptLines = corruptLines,
            DuplicateLabels = duplicates,
            Boxes = boxes,
            FromCache = fromCache,
            CachePath = cachePath,
            Warnings = warnings,
        };
        return new DetectionDataset(split, config.Names, samples, report);
    }
}
