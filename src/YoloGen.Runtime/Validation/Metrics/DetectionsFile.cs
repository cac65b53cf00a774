using System.Text.Json;

namespace YoloGen.Validation;

/// <summary>A detections file is malformed: the message names the file and the JSON path of the defect.</summary>
public sealed class DetectionsFileException(string message) : Exception(message);

/// <summary>
/// Ground truths and detections of a set of images as JSON, so any detector's output can be scored:
/// <c>{"names": {"0": "cat", …} or ["cat", …], "images": [{"gt": {"boxes": [[x1, y1, x2, y2], …], "cls": [c, …]},
/// "pred": {"boxes": […], "conf": [s, …], "cls": […]}}, …]}</c>, boxes in pixels. Other keys are ignored.
/// </summary>
public sealed class DetectionsFile
{
    public sealed record Image(float[] LabelBoxes, int[] LabelClasses, float[] PredBoxes, float[] PredConf, int[] PredClasses);

    private DetectionsFile(IReadOnlyList<string> names, IReadOnlyList<Image> images)
    {
        Names = names;
        Images = images;
    }

    /// <summary>Class names by index; their count is the number of classes.</summary>
    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<Image> Images { get; }

    public static DetectionsFile Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DetectionsFileException($"{path}: cannot read ({e.Message})");
        }
        JsonDocument doc;
        try { doc = JsonDocument.Parse(text); }
        catch (JsonException e) { throw new DetectionsFileException($"{path}: not valid JSON ({e.Message})"); }
        using (doc) return Parse(doc.RootElement, path);
    }

    /// <summary>Everything in the file accumulated for scoring.</summary>
    public DetectionStats ToStats()
    {
        var stats = new DetectionStats(Names.Count);
        foreach (var im in Images) stats.Add(im.PredBoxes, im.PredConf, im.PredClasses, im.LabelBoxes, im.LabelClasses);
        return stats;
    }

    private static DetectionsFile Parse(JsonElement root, string path)
    {
        var r = new Reader(path);
        if (root.ValueKind != JsonValueKind.Object) throw r.Error("$", "expected an object with 'names' and 'images'");
        var names = r.Names(r.Get(root, "names", "$"));
        var imagesElement = r.Get(root, "images", "$");
        if (imagesElement.ValueKind != JsonValueKind.Array) throw r.Error("images", "expected an array");
        var images = new List<Image>();
        int i = 0;
        foreach (var im in imagesElement.EnumerateArray())
        {
            string at = $"images[{i++}]";
            var gt = r.Get(im, "gt", at);
            var pred = r.Get(im, "pred", at);
            var labelBoxes = r.Boxes(r.Get(gt, "boxes", $"{at}.gt"), $"{at}.gt.boxes");
            var labelClasses = r.Classes(r.Get(gt, "cls", $"{at}.gt"), $"{at}.gt.cls", names.Count);
            var predBoxes = r.Boxes(r.Get(pred, "boxes", $"{at}.pred"), $"{at}.pred.boxes");
            var predConf = r.Numbers(r.Get(pred, "conf", $"{at}.pred"), $"{at}.pred.conf");
            var predClasses = r.Classes(r.Get(pred, "cls", $"{at}.pred"), $"{at}.pred.cls", names.Count);
            if (labelClasses.Length * 4 != labelBoxes.Length)
                throw r.Error($"{at}.gt", $"{labelBoxes.Length / 4} boxes but {labelClasses.Length} classes");
            if (predClasses.Length * 4 != predBoxes.Length || predConf.Length != predClasses.Length)
                throw r.Error($"{at}.pred", $"{predBoxes.Length / 4} boxes, {predConf.Length} confidences and {predClasses.Length} classes");
            images.Add(new Image(labelBoxes, labelClasses, predBoxes, predConf, predClasses));
        }
        return new DetectionsFile(names, images);
    }

    private sealed class Reader(string path)
    {
        public DetectionsFileException Error(string at, string what) => new($"{path}: {at}: {what}");

        public JsonElement Get(JsonElement obj, string key, string at)
        {
            if (obj.ValueKind != JsonValueKind.Object) throw Error(at, "expected an object");
            return obj.TryGetProperty(key, out var v) ? v : throw Error(at, $"missing '{key}'");
        }

        public List<string> Names(JsonElement e)
        {
            if (e.ValueKind == JsonValueKind.Array)
                return e.EnumerateArray().Select((n, i) => n.ValueKind == JsonValueKind.String ? n.GetString()! : throw Error($"names[{i}]", "expected a string")).ToList();
            if (e.ValueKind != JsonValueKind.Object) throw Error("names", "expected a list of names or an object {\"0\": name, …}");
            var byIndex = new SortedDictionary<int, string>();
            foreach (var p in e.EnumerateObject())
            {
                if (!int.TryParse(p.Name, out int k) || k < 0) throw Error($"names.{p.Name}", "keys must be class indices 0, 1, …");
                byIndex[k] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : throw Error($"names.{p.Name}", "expected a string");
            }
            if (byIndex.Count > 0 && byIndex.Keys.Last() != byIndex.Count - 1) throw Error("names", "class indices must be 0 … n−1 without gaps");
            return byIndex.Values.ToList();
        }

        public float[] Numbers(JsonElement e, string at)
        {
            if (e.ValueKind != JsonValueKind.Array) throw Error(at, "expected an array of numbers");
            return e.EnumerateArray().Select((v, i) => v.ValueKind == JsonValueKind.Number ? (float)v.GetDouble() : throw Error($"{at}[{i}]", "expected a number")).ToArray();
        }

        public float[] Boxes(JsonElement e, string at)
        {
            if (e.ValueKind != JsonValueKind.Array) throw Error(at, "expected an array of [x1, y1, x2, y2] boxes");
            var values = new List<float>();
            int i = 0;
            foreach (var box in e.EnumerateArray())
            {
                var b = Numbers(box, $"{at}[{i}]");
                if (b.Length != 4) throw Error($"{at}[{i}]", $"expected 4 numbers [x1, y1, x2, y2], got {b.Length}");
                values.AddRange(b);
                i++;
            }
            return values.ToArray();
        }

        public int[] Classes(JsonElement e, string at, int nc)
        {
            var values = Numbers(e, at);
            var classes = new int[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                if (values[i] != Math.Floor(values[i]) || values[i] < 0 || values[i] >= nc)
                    throw Error($"{at}[{i}]", $"class {values[i]} is not an integer in [0, {nc}) (names has {nc} entries)");
                classes[i] = (int)values[i];
            }
            return classes;
        }
    }
}
