namespace YoloGen.Training;

/// <summary>
/// The folder of one run, named as the reference names them: <c>runs/detect/train</c>, then <c>train2</c>,
/// <c>train3</c>, … for later runs; weights go to <c>weights/last.safetensors</c> and <c>weights/best.safetensors</c>.
/// </summary>
public sealed class RunDirectory
{
    private RunDirectory(string path)
    {
        Path = path;
        Directory.CreateDirectory(WeightsDir);
    }

    public string Path { get; }

    public string WeightsDir => System.IO.Path.Combine(Path, "weights");

    public string Last => System.IO.Path.Combine(WeightsDir, "last.safetensors");

    public string Best => System.IO.Path.Combine(WeightsDir, "best.safetensors");

    /// <summary>The best weights as an Ultralytics checkpoint (<see cref="TrainOptions.SavePt"/>).</summary>
    public string BestPt => System.IO.Path.Combine(WeightsDir, "best.pt");

    public string ResultsCsv => System.IO.Path.Combine(Path, "results.csv");

    public string ResultsPng => System.IO.Path.Combine(Path, "results.png");

    public string ArgsYaml => System.IO.Path.Combine(Path, "args.yaml");

    /// <summary>Creates the first free folder among <c>project/name</c>, <c>project/name2</c>, <c>project/name3</c>, ….</summary>
    public static RunDirectory CreateNew(string project, string name)
    {
        string basePath = System.IO.Path.Combine(project, name);
        string path = basePath;
        for (int i = 2; Directory.Exists(path); i++) path = basePath + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new RunDirectory(path);
    }

    /// <summary>An existing run, for <c>--resume</c>: the folder holding <c>weights/last.safetensors</c>.</summary>
    public static RunDirectory Open(string path) => new(path);

    /// <summary>The run folder of a checkpoint path (<c>…/train3/weights/last.safetensors</c> → <c>…/train3</c>).</summary>
    public static RunDirectory FromCheckpoint(string checkpoint)
    {
        string dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(checkpoint))!;
        if (string.Equals(System.IO.Path.GetFileName(dir), "weights", StringComparison.Ordinal))
            dir = System.IO.Path.GetDirectoryName(dir)!;
        return new RunDirectory(dir);
    }

    /// <summary>Copies a file atomically: a temporary copy in the target's folder, then a rename over the target.</summary>
    public static void CopyAtomic(string source, string destination)
    {
        string tmp = destination + ".tmp";
        File.Copy(source, tmp, overwrite: true);
        File.Move(tmp, destination, overwrite: true);
    }

    /// <summary>Writes text atomically: a temporary file in the same folder, then a rename over the target.</summary>
    public static void WriteAllTextAtomic(string path, string text)
    {
        string tmp = path + ".tmp";
        File.WriteAllText(tmp, text);
        File.Move(tmp, path, overwrite: true);
    }
}
