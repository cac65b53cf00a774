using System.Globalization;
using System.Text;

namespace YoloGen.Training;

/// <summary>
/// Training hyper-parameters with the reference recipe's defaults (Ultralytics' default.yaml).
/// Written to <c>args.yaml</c> in the run folder and into every checkpoint, so a run can be resumed as it started.
/// </summary>
public sealed record TrainOptions
{
    public string Model { get; init; } = "yolo11n";
    /// <summary>Dataset YAML; null = the embedded synthetic dataset.</summary>
    public string? Data { get; init; }
    public int Epochs { get; init; } = 100;
    public int ImageSize { get; init; } = 640;
    public int Batch { get; init; } = 16;
    public string Device { get; init; } = "cpu";
    public int Workers { get; init; } = 2;
    /// <summary>Keep decoded training images in memory (the synthetic default is ~150 MB decoded; triples loader speed).</summary>
    public bool Cache { get; init; } = true;
    /// <summary>auto, SGD or AdamW.</summary>
    public string Optimizer { get; init; } = "auto";
    public double Lr0 { get; init; } = 0.01;
    public double Lrf { get; init; } = 0.01;
    public double Momentum { get; init; } = 0.937;
    public double WeightDecay { get; init; } = 0.0005;
    public double WarmupEpochs { get; init; } = 3.0;
    public double WarmupMomentum { get; init; } = 0.8;
    public double WarmupBiasLr { get; init; } = 0.1;
    public bool CosineLr { get; init; }
    public int CloseMosaic { get; init; } = 10;
    public double Box { get; init; } = 7.5;
    public double Cls { get; init; } = 0.5;
    public double Dfl { get; init; } = 1.5;
    public int Seed { get; init; }
    public int Patience { get; init; } = 100;
    /// <summary>Nominal batch size: gradients are accumulated up to it, and weight decay is scaled by it.</summary>
    public int NominalBatch { get; init; } = 64;
    public double MaxGradNorm { get; init; } = 10.0;
    public string Project { get; init; } = "runs/detect";
    public string Name { get; init; } = "train";
    public bool Plots { get; init; } = true;
    /// <summary>Also write <c>weights/best.pt</c>, an Ultralytics checkpoint of the best EMA weights that the reference loads.</summary>
    public bool SavePt { get; init; } = true;
    /// <summary>Start from these weights (.pt or .safetensors): every tensor whose name and shape match is transferred.</summary>
    public string? Pretrained { get; init; }

    /// <summary>
    /// The defaults of a run on the embedded synthetic dataset (<c>yologen train</c> without <c>--data</c>): sized for
    /// a CPU — 320 px, 25 epochs — and an optimizer step every batch (nominal batch 16 instead of 64), which on 600
    /// images gives four times as many steps per epoch; see docs/training.md for the measured run.
    /// </summary>
    public static TrainOptions SyntheticDefaults { get; } = new() { Epochs = 25, ImageSize = 320, NominalBatch = 16 };

    /// <summary>Plain <c>key: value</c> YAML, one line per option, in declaration order.</summary>
    public string ToYaml()
    {
        var sb = new StringBuilder();
        foreach (var p in typeof(TrainOptions).GetProperties())
        {
            object? v = p.GetValue(this);
            string text = v switch
            {
                null => "null",
                bool b => b ? "true" : "false",
                string s => s.Length == 0 || s.IndexOfAny([':', '#', '\'', '"']) >= 0 ? "'" + s.Replace("'", "''") + "'" : s,
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => v.ToString() ?? "null",
            };
            sb.Append(ToSnakeCase(p.Name)).Append(": ").Append(text).Append('\n');
        }
        return sb.ToString();
    }

    internal static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
