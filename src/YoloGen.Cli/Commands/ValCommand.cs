using YoloGen.Validation;

namespace YoloGen.Cli.Commands;

/// <summary>
/// <c>yologen val --detections &lt;file.json&gt; [--json]</c>: scores detections against ground truths given as JSON
/// (<see cref="DetectionsFile"/>: <c>names</c>, <c>images[].gt.boxes/cls</c>, <c>images[].pred.boxes/conf/cls</c>, xyxy
/// pixels) with the reference's matching and metrics, and prints the metrics table (<c>--json</c>: mp, mr, map50, map75,
/// map, fitness, maps and per-class values). Each mode of <c>val</c> is chosen by its input option; validating a model
/// on a dataset (<c>--model</c>/<c>--data</c>) is a separate mode.
/// </summary>
public static class ValCommand
{
    public static int Run(CliArgs args) => Run(args, Console.Out);

    public static int Run(CliArgs args, TextWriter output)
    {
        string? detections = args.String("detections");
        bool json = args.Flag("json");
        if (detections is null)
            throw new CliException("val: give --detections <file.json> to score detections against ground truths");
        args.EnsureAllUsed();
        return ScoreDetections(detections, json, output);
    }

    private static int ScoreDetections(string path, bool json, TextWriter output)
    {
        DetectionsFile file;
        try { file = DetectionsFile.Load(path); }
        catch (DetectionsFileException e) { throw new CliException($"val: {e.Message}"); }
        var stats = file.ToStats();
        var metrics = stats.Compute();
        if (json) MetricsReport.WriteJson(metrics, stats, file.Names, output);
        else MetricsReport.WriteTable(metrics, stats, file.Names, file.Images.Count, output);
        return 0;
    }
}
