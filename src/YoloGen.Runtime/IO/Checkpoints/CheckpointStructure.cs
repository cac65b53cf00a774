using System.Collections;
using System.Text;

namespace YoloGen.IO.Checkpoints;

/// <summary>One entry of the pickled <c>model.model</c> Sequential: the index, the module type, its inputs and parameters.</summary>
public sealed record CheckpointLayer(int Index, string Type, int[] From, long Parameters, CheckpointModule Module);

/// <summary>A module with no parameters whose class still changes the output (an activation, Identity), with its path.</summary>
public sealed record ModuleChoice(string Path, string ClassName)
{
    public string ShortName => ClassName[(ClassName.LastIndexOf('.') + 1)..];
}

/// <summary>
/// What a network must build to reproduce a checkpoint beyond its tensors: the layer list and every parameter-free
/// choice, e.g. whether each SPPF's <c>cv1</c> applies SiLU (files before Ultralytics 8.4) or Identity (8.4 on), the
/// layout of the Detect head's class branch, and the activation classes of the convolutions.
/// </summary>
public sealed class CheckpointStructure
{
    private CheckpointStructure(IReadOnlyList<CheckpointLayer> layers, IReadOnlyList<ModuleChoice> choices)
    {
        Layers = layers;
        Choices = choices;
    }

    public IReadOnlyList<CheckpointLayer> Layers { get; }

    /// <summary>Every activation-like module (torch.nn activations and Identity) in state-dict order, e.g. <c>model.9.cv1.act</c>.</summary>
    public IReadOnlyList<ModuleChoice> Choices { get; }

    /// <summary>The detection head (the last layer), or null when the model has no layers.</summary>
    public CheckpointModule? Head => Layers.Count == 0 ? null : Layers[^1].Module;

    /// <summary>The class of each SPPF layer's <c>cv1.act</c>, by layer index (<c>SiLU</c> or <c>Identity</c>).</summary>
    public IReadOnlyDictionary<int, string> SppfCv1Activations => Layers
        .Where(l => l.Type == "SPPF" && l.Module.Find("cv1.act") is not null)
        .ToDictionary(l => l.Index, l => l.Module.Find("cv1.act")!.ShortName);

    /// <summary>
    /// The head's class branch: <c>yolo11</c> when <c>cv3.i.0</c> is Sequential(DWConv, Conv) (YOLO11 and later),
    /// <c>legacy</c> when it is a plain Conv (v5u, v8, v9 and the 8.4 <c>legacy</c> head), or null without a head.
    /// </summary>
    public string? DetectClassBranch => Head?.Find("cv3.0.0")?.ShortName switch
    {
        null => null,
        "Sequential" => "yolo11",
        "Conv" => "legacy",
        var other => other,
    };

    /// <summary>The distinct activation classes of the <c>Conv</c> modules' <c>act</c> children (normally SiLU and Identity).</summary>
    public IReadOnlyList<string> ConvActivations => Choices.Where(c => c.Path.EndsWith(".act", StringComparison.Ordinal))
        .Select(c => c.ShortName).Distinct().ToList();

    internal static CheckpointStructure Of(CheckpointModule model)
    {
        var layers = new List<CheckpointLayer>();
        if (model.Child("model") is { } sequential)
        {
            foreach (var (name, m) in sequential.Children)
            {
                if (!int.TryParse(name, out int index)) continue;
                string type = m.String("type") is { } t ? t[(t.LastIndexOf('.') + 1)..] : m.ShortName;
                layers.Add(new CheckpointLayer(index, type, From(m.Attributes.GetValueOrDefault("f")), m.ParameterCount, m));
            }
        }
        layers.Sort((a, b) => a.Index.CompareTo(b.Index));
        var choices = model.Descendants()
            .Where(d => d.Module.Parameters.Count == 0 && d.Module.Children.Count == 0 && IsChoice(d.Module.ClassName))
            .Select(d => new ModuleChoice(d.Path, d.Module.ClassName))
            .ToList();
        return new CheckpointStructure(layers, choices);
    }

    private static bool IsChoice(string cls) =>
        cls.StartsWith("torch.nn.modules.activation.", StringComparison.Ordinal) || cls == "torch.nn.modules.linear.Identity";

    private static int[] From(object? f) => f switch
    {
        int i => [i],
        ArrayList l => l.Cast<object>().OfType<int>().ToArray(),
        object[] a => a.OfType<int>().ToArray(),
        _ => [],
    };

    /// <summary>A few lines: layer count, head layout, SPPF activations, activation classes.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append($"{Layers.Count} layers");
        if (DetectClassBranch is { } branch) sb.Append($"; head {Head!.ShortName} with the {branch} class branch");
        foreach (var (i, act) in SppfCv1Activations) sb.Append($"; SPPF {i}: cv1 {act}");
        if (ConvActivations.Count > 0) sb.Append($"; activations {string.Join(", ", ConvActivations)}");
        return sb.ToString();
    }
}
