using System.Globalization;
using System.Text;
using System.Text.Json;

namespace YoloGen.Data;

/// <summary>
/// The built-in default dataset: coloured shapes (circle, square, triangle, cross, ...) of random size, colour
/// and rotation on textured backgrounds, written as a normal Ultralytics dataset
/// (<c>images/{train,val}</c>, <c>labels/{train,val}</c>, <c>data.yaml</c>). Deterministic: the same options
/// (seed included) give byte-identical files, whatever the number of cores.
/// </summary>
public static class SyntheticDataset
{
    /// <summary>File recording the options a folder was generated with (lets <see cref="Ensure"/> reuse it).</summary>
    public const string MarkerFile = "synthetic.json";

    private const int GeneratorVersion = 1;

    /// <summary>
    /// Writes the dataset into <paramref name="root"/> (created; an existing synthetic dataset there is replaced,
    /// any other non-empty folder is refused) and returns the path of its <c>data.yaml</c>. The files are
    /// produced in a sibling temporary folder and moved into place at the end, so an interrupted run leaves
    /// nothing half-written.
    /// </summary>
    public static string Generate(string root, SyntheticOptions? options = null)
    {
        options ??= SyntheticOptions.Default;
        options.Check();
        root = Path.GetFullPath(root);
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any()
            && !File.Exists(Path.Combine(root, MarkerFile)))
            throw new IOException($"{root} exists and is not a generated dataset; refusing to overwrite it");

        var parent = Path.GetDirectoryName(root)!;
        Directory.CreateDirectory(parent);
        var tmp = Path.Combine(parent, $".{Path.GetFileName(root)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            WriteSplit(tmp, "train", options.TrainImages, 0, options);
            WriteSplit(tmp, "val", options.ValImages, 1, options);
            File.WriteAllText(Path.Combine(tmp, "data.yaml"), DataYaml(options), Utf8);
            File.WriteAllText(Path.Combine(tmp, MarkerFile), Marker(options), Utf8);
            if (Directory.Exists(root))
                Directory.Delete(root, recursive: true);
            Directory.Move(tmp, root);
        }
        finally
        {
            if (Directory.Exists(tmp))
                Directory.Delete(tmp, recursive: true);
        }
        return Path.Combine(root, "data.yaml");
    }

    /// <summary>Returns the <c>data.yaml</c> in <paramref name="root"/>, generating the dataset unless it is already there with these options.</summary>
    public static string Ensure(string root, SyntheticOptions? options = null)
    {
        options ??= SyntheticOptions.Default;
        var marker = Path.Combine(root, MarkerFile);
        var yaml = Path.Combine(root, "data.yaml");
        if (File.Exists(marker) && File.Exists(yaml) && File.ReadAllText(marker) == Marker(options))
            return Path.GetFullPath(yaml);
        return Generate(root, options);
    }

    /// <summary>Class names of a configuration, in index order.</summary>
    public static string[] ClassNames(SyntheticOptions options) =>
        options.Classes.Select(c => c.ToString().ToLowerInvariant()).ToArray();

    /// <summary>Draws image <paramref name="index"/> of a split (0 = train, 1 = val) with its labels.</summary>
    internal static (RgbImage Image, List<LabelBox> Labels) Render(SyntheticOptions o, int split, int index)
    {
        // Separate streams for background, objects and noise: changing the objects leaves the rest unchanged.
        var backgroundRng = Rng.For(o.Seed, GeneratorVersion, split, index, 0);
        var objectRng = Rng.For(o.Seed, GeneratorVersion, split, index, 1);
        var noiseRng = Rng.For(o.Seed, GeneratorVersion, split, index, 2);
        int w = SizeIn(backgroundRng, o), h = SizeIn(backgroundRng, o);
        var img = Backgrounds.Paint(w, h, backgroundRng);
        var count = objectRng.NextDouble() < o.EmptyFraction ? 0 : objectRng.NextInt(1, o.MaxObjects);
        var placed = new List<Shape>();
        var labels = new List<LabelBox>();
        var maxExtent = Math.Min(w, h) * o.MaxObjectFraction;
        for (var n = 0; n < count; n++)
        {
            for (var attempt = 0; attempt < 20; attempt++)
            {
                var cls = objectRng.NextInt(o.Classes.Count);
                var extent = Math.Exp(objectRng.Uniform(Math.Log(o.MinObjectSize), Math.Log(maxExtent)));
                var radius = extent / 2;
                var cx = objectRng.Uniform(radius, w - radius);
                var cy = objectRng.Uniform(radius, h - radius);
                var shape = Shape.Create(o.Classes[cls], cx, cy, radius, objectRng.Uniform(0, 2 * Math.PI));
                if (shape.X1 < 0 || shape.Y1 < 0 || shape.X2 > w || shape.Y2 > h)
                    continue;
                if (placed.Any(p => TooClose(p, shape, o.MaxOverlap)))
                    continue;
                shape.Draw(img, Palette.Vivid(objectRng, MeanColour(img, shape)));
                placed.Add(shape);
                labels.Add(new LabelBox(cls,
                    (float)((shape.X1 + shape.X2) / 2 / w), (float)((shape.Y1 + shape.Y2) / 2 / h),
                    (float)((shape.X2 - shape.X1) / w), (float)((shape.Y2 - shape.Y1) / h)));
                break;
            }
        }
        AddSensorNoise(img, noiseRng, amplitude: noiseRng.NextInt(2, 10));
        return (img, labels);
    }

    private static void WriteSplit(string root, string split, int count, int splitId, SyntheticOptions o)
    {
        var imageDir = Path.Combine(root, "images", split);
        var labelDir = Path.Combine(root, "labels", split);
        Directory.CreateDirectory(imageDir);
        Directory.CreateDirectory(labelDir);
        Parallel.For(0, count, i =>
        {
            var (img, labels) = Render(o, splitId, i);
            var name = i.ToString("D6", CultureInfo.InvariantCulture);
            ImageCodec.Encode(img, Path.Combine(imageDir, $"{name}.{o.Format}"), o.JpegQuality);
            File.WriteAllText(Path.Combine(labelDir, $"{name}.txt"), LabelText(labels), Utf8);
        });
    }

    private static string LabelText(List<LabelBox> labels)
    {
        var sb = new StringBuilder();
        foreach (var l in labels)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{l.Cls} {l.Cx:F6} {l.Cy:F6} {l.W:F6} {l.H:F6}\n");
        }
        return sb.ToString();
    }

    private static string DataYaml(SyntheticOptions o)
    {
        var sb = new StringBuilder();
        sb.Append("# Synthetic shapes dataset generated by YoloGen (seed ").Append(o.Seed).Append(")\n");
        sb.Append("path: .\ntrain: images/train\nval: images/val\nnames:\n");
        var names = ClassNames(o);
        for (var i = 0; i < names.Length; i++)
            sb.Append(CultureInfo.InvariantCulture, $"  {i}: {names[i]}\n");
        return sb.ToString();
    }

    private static string Marker(SyntheticOptions o) => JsonSerializer.Serialize(new
    {
        generator = GeneratorVersion,
        o.Seed,
        o.TrainImages,
        o.ValImages,
        classes = ClassNames(o),
        o.MinImageSize,
        o.MaxImageSize,
        o.MaxObjects,
        o.EmptyFraction,
        o.MinObjectSize,
        o.MaxObjectFraction,
        o.MaxOverlap,
        o.Format,
        o.JpegQuality,
    });

    private static int SizeIn(Rng rng, SyntheticOptions o) =>
        o.MinImageSize + 16 * rng.NextInt((o.MaxImageSize - o.MinImageSize) / 16 + 1);

    /// <summary>Overlap is allowed up to an IoU limit, and no object may hide most of another.</summary>
    private static bool TooClose(Shape a, Shape b, double maxIou)
    {
        var iw = Math.Min(a.X2, b.X2) - Math.Max(a.X1, b.X1);
        var ih = Math.Min(a.Y2, b.Y2) - Math.Max(a.Y1, b.Y1);
        if (iw <= 0 || ih <= 0)
            return false;
        var inter = iw * ih;
        var areaA = (a.X2 - a.X1) * (a.Y2 - a.Y1);
        var areaB = (b.X2 - b.X1) * (b.Y2 - b.Y1);
        return inter / (areaA + areaB - inter) > maxIou || inter / areaA > 0.5;
    }

    private static (double R, double G, double B) MeanColour(RgbImage img, Shape s)
    {
        int x1 = (int)s.X1, y1 = (int)s.Y1, x2 = (int)Math.Ceiling(s.X2), y2 = (int)Math.Ceiling(s.Y2);
        double r = 0, g = 0, b = 0;
        var n = 0;
        for (var y = y1; y < Math.Min(y2, img.Height); y += 2)
        {
            for (var x = x1; x < Math.Min(x2, img.Width); x += 2)
            {
                var (pr, pg, pb) = img[x, y];
                (r, g, b) = (r + pr, g + pg, b + pb);
                n++;
            }
        }
        return n == 0 ? (128, 128, 128) : (r / n, g / n, b / n);
    }

    private static void AddSensorNoise(RgbImage img, Rng rng, int amplitude)
    {
        var p = img.Pixels;
        for (var i = 0; i < p.Length; i++)
            p[i] = (byte)Math.Clamp(p[i] + rng.NextInt(2 * amplitude + 1) - amplitude, 0, 255);
    }

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
}
