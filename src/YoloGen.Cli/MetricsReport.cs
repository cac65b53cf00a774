using System.Globalization;
using System.Text.Json;
using YoloGen.Validation;

namespace YoloGen.Cli;

/// <summary>Prints <see cref="DetectionMetrics"/> as the reference's validation table or as JSON.</summary>
internal static class MetricsReport
{
    /// <summary>Rows: all, then each class with labels (images containing it, labels, P, R, mAP50, mAP50-95).</summary>
    public static void WriteTable(DetectionMetrics m, DetectionStats stats, IReadOnlyList<string> names, int images, TextWriter o)
    {
        string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
        var labels = stats.LabelsPerClass();
        var withClass = stats.ImagesPerClass();
        o.WriteLine($"{"Class",22}{"Images",11}{"Instances",11}{"P",11}{"R",11}{"mAP50",11}{"mAP50-95",11}");
        o.WriteLine($"{"all",22}{images,11}{labels.Sum(),11}{F(m.MeanPrecision),11}{F(m.MeanRecall),11}{F(m.Map50),11}{F(m.Map),11}");
        foreach (var c in m.PerClass)
            o.WriteLine($"{names[c.Class],22}{withClass[c.Class],11}{labels[c.Class],11}{F(c.Precision),11}{F(c.Recall),11}{F(c.Ap50),11}{F(c.Ap50To95),11}");
        if (labels.Sum() == 0) o.WriteLine("no labels: metrics cannot be computed without ground truths");
        o.WriteLine($"mAP75 {F(m.Map75)}, fitness {m.Fitness.ToString("0.00000", CultureInfo.InvariantCulture)}");
    }

    /// <summary>mp, mr, map50, map75, map, fitness, maps (per class index) and one object per class with labels.</summary>
    public static void WriteJson(DetectionMetrics m, DetectionStats stats, IReadOnlyList<string> names, TextWriter o)
    {
        var doc = new Dictionary<string, object>
        {
            ["mp"] = m.MeanPrecision,
            ["mr"] = m.MeanRecall,
            ["map50"] = m.Map50,
            ["map75"] = m.Map75,
            ["map"] = m.Map,
            ["fitness"] = m.Fitness,
            ["maps"] = m.Maps,
            ["classes"] = m.PerClass.Select(c => new Dictionary<string, object>
            {
                ["class"] = c.Class,
                ["name"] = names[c.Class],
                ["images"] = c.ImagesWithClass,
                ["labels"] = c.Labels,
                ["predictions"] = c.Predictions,
                ["p"] = c.Precision,
                ["r"] = c.Recall,
                ["f1"] = c.F1,
                ["ap50"] = c.Ap50,
                ["ap50_95"] = c.Ap50To95,
                ["ap"] = c.ApPerThreshold,
            }).ToList(),
        };
        o.WriteLine(JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true }));
    }
}
