namespace YoloGen.Data;

/// <summary>Probes every image header and parses every label file of a split, in parallel, in a fixed order.</summary>
internal static class SplitScanner
{
    public static ScanEntry[] Scan(IReadOnlyList<string> images, int numClasses)
    {
        var entries = new ScanEntry[images.Count];
        Parallel.For(0, images.Count, i => entries[i] = ScanOne(images[i], numClasses));
        return entries;
    }

    private static ScanEntry ScanOne(string image, int numClasses)
    {
        var label = ImageFiles.LabelPath(image);
        var size = ImageCodec.Probe(image, out var problem);
        if (size is null)
        {
            return new ScanEntry(image, label, 0, 0, [], problem, LabelState.Missing, 0, 0,
                [new DatasetWarning(image, null, $"image skipped: {problem}")]);
        }
        var (w, h) = size.Value;
        if (!File.Exists(label))
            return new ScanEntry(image, label, w, h, [], null, LabelState.Missing, 0, 0, []);
        string text;
        try
        {
            text = File.ReadAllText(label);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ScanEntry(image, label, w, h, [], null, LabelState.Missing, 0, 0,
                [new DatasetWarning(label, null, $"label file unreadable, image kept as background: {e.Message}")]);
        }
        var parsed = LabelFileParser.Parse(label, text, numClasses);
        var state = parsed.Boxes.Length == 0 && parsed.CorruptLines == 0 && parsed.Duplicates == 0
            ? LabelState.Empty
            : LabelState.Present;
        return new ScanEntry(image, label, w, h, parsed.Boxes, null, state, parsed.CorruptLines, parsed.Duplicates,
            parsed.Warnings.ToArray());
    }
}
