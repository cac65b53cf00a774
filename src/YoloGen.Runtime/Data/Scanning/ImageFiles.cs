namespace YoloGen.Data;

/// <summary>Lists a split's image files and maps each to its label file, following the reference's layout rules.</summary>
public static class ImageFiles
{
    /// <summary>Extensions the decoder reads (lower case, with dot).</summary>
    public static readonly IReadOnlySet<string> Extensions =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".jpg", ".jpeg", ".png", ".bmp", ".webp" };

    public static bool IsImage(string path) => Extensions.Contains(Path.GetExtension(path));

    /// <summary>
    /// Every image of a split: folders are searched recursively, a <c>.txt</c> file lists one image per line
    /// (lines starting with <c>./</c> are relative to the list's folder, other relative lines to the dataset
    /// root). The result is sorted (ordinal) and free of duplicates. A missing path or an empty result is an
    /// error naming the YAML line.
    /// </summary>
    public static IReadOnlyList<string> List(SplitSource split, string datasetRoot)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in split.Paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var f in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
                {
                    if (IsImage(f))
                        files.Add(Path.GetFullPath(f));
                }
            }
            else if (File.Exists(path) && Path.GetExtension(path).Equals(".txt", StringComparison.OrdinalIgnoreCase))
            {
                var listDir = Path.GetDirectoryName(path)!;
                foreach (var raw in File.ReadLines(path))
                {
                    var line = raw.Trim();
                    if (line.Length == 0 || !IsImage(line))
                        continue;
                    var full = line.StartsWith("./", StringComparison.Ordinal)
                        ? Path.Combine(listDir, line[2..])
                        : Path.Combine(datasetRoot, line);
                    files.Add(Path.GetFullPath(full));
                }
            }
            else if (File.Exists(path) && IsImage(path))
            {
                files.Add(path);
            }
            else
            {
                throw new DatasetException(split.YamlPath, split.Line, split.Name,
                    File.Exists(path) ? $"{path} is neither an images folder, an image nor a .txt list" : $"{path} does not exist");
            }
        }
        if (files.Count == 0)
            throw new DatasetException(split.YamlPath, split.Line, split.Name,
                $"no images (jpg, png, bmp, webp) found in {string.Join(", ", split.Paths)}");
        return files.ToArray();
    }

    /// <summary>
    /// The label file of an image: the last <c>/images/</c> path segment becomes <c>/labels/</c> and the
    /// extension <c>.txt</c> (<c>d/images/train/a.jpg</c> → <c>d/labels/train/a.txt</c>).
    /// </summary>
    public static string LabelPath(string imagePath)
    {
        var sep = Path.DirectorySeparatorChar;
        var images = $"{sep}images{sep}";
        var i = imagePath.LastIndexOf(images, StringComparison.Ordinal);
        var swapped = i < 0 ? imagePath : imagePath[..i] + $"{sep}labels{sep}" + imagePath[(i + images.Length)..];
        var dot = swapped.LastIndexOf('.');
        var slash = swapped.LastIndexOf(sep);
        return (dot > slash ? swapped[..dot] : swapped) + ".txt";
    }
}
