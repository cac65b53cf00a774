using TorchSharp;
using static TorchSharp.torch;
using YoloGen.Models;

namespace YoloGen.IO.Checkpoints;

/// <summary>
/// Compares a checkpoint's pickled module tree with a generated network, module by module: same class at every path
/// (<c>model.9.cv1.act</c> is SiLU in both, <c>model.23.cv3.0.0</c> is a Sequential in both). Tensors are compared when
/// they are loaded; this catches what tensors cannot show — a parameter-free module that differs and would make the
/// outputs silently different. The first difference is an error naming the layer and, when known, the setting to use.
/// </summary>
public static class CheckpointMatch
{
    /// <summary>The first module that differs, as a sentence, or null when the network builds the checkpoint's modules.</summary>
    public static string? FirstDifference(UltralyticsCheckpoint checkpoint, DetectionModel network)
    {
        var ours = new Dictionary<string, nn.Module>(StringComparer.Ordinal);
        foreach (var (name, module) in network.named_modules()) ours[name] = module;

        foreach (var (path, module) in checkpoint.Model.Descendants())
        {
            string theirs = module.ShortName;
            if (!ours.TryGetValue(path, out var mine))
            {
                // A module without tensors that the network lacks: only activations change the output.
                if (module.ParameterCount == 0 && !IsActivation(module.ClassName) && module.Children.Count == 0) continue;
                return Describe(checkpoint, network, path, theirs, null);
            }
            string ourName = TorchName(mine);
            if (ourName != theirs) return Describe(checkpoint, network, path, theirs, ourName);
        }
        return null;
    }

    /// <summary>
    /// The reference rules the checkpoint's modules were built by, read from its parameter-free choices: SPPF's cv1
    /// activation (Identity from 8.4 on) and the Detect class branch (Conv for the legacy head, Sequential of DWConv
    /// pairs otherwise). Identity → 8.4; SiLU with the legacy branch → 8.4 with SiLU (a released YOLOv8 file);
    /// SiLU otherwise → 8.3. A checkpoint that shows neither choice gets the 8.4 rules.
    /// </summary>
    public static ReferenceRules RulesOf(UltralyticsCheckpoint checkpoint)
    {
        bool? sppfAct = null, legacy = null;
        foreach (var (_, module) in checkpoint.Model.Descendants())
        {
            if (sppfAct is null && module.ShortName == "SPPF" && module.Child("cv1")?.Child("act") is { } act)
                sppfAct = act.ShortName != "Identity";
            if (legacy is null && module.ShortName.Contains("Detect", StringComparison.Ordinal)
                && module.Child("cv3")?.Child("0")?.Child("0") is { } first)
                legacy = first.ShortName == "Conv";
        }
        if (sppfAct != true) return ReferenceRules.V8_4;
        return legacy == true ? ReferenceRules.V8_4 with { SppfCv1Activation = true } : ReferenceRules.V8_3;
    }

    /// <summary>Throws a <see cref="WeightsException"/> when <see cref="FirstDifference"/> finds one.</summary>
    public static void Ensure(UltralyticsCheckpoint checkpoint, DetectionModel network)
    {
        if (FirstDifference(checkpoint, network) is { } difference) throw new WeightsException(difference);
    }

    /// <summary>The torch.nn class name a runtime module stands for.</summary>
    internal static string TorchName(nn.Module m)
    {
        string name = m.GetType().Name;
        int tick = name.IndexOf('`');
        if (tick >= 0) name = name[..tick];
        return name switch
        {
            "LayerStack" => "Sequential",
            _ => name,
        };
    }

    private static bool IsActivation(string cls) =>
        cls.StartsWith("torch.nn.modules.activation.", StringComparison.Ordinal) || cls == "torch.nn.modules.linear.Identity";

    private static string Describe(UltralyticsCheckpoint checkpoint, DetectionModel network, string path, string theirs, string? ours)
    {
        var layer = LayerOf(checkpoint, path);
        string where = layer is null ? path : $"layer {layer.Index} ({layer.Type}): {path}";
        string writer = checkpoint.Version is { } v ? $" (written by Ultralytics {v})" : "";
        string found = ours is null ? $"the generated {network.ModelName} has no such module" : $"{ours} in the generated {network.ModelName}";
        string text = $"{checkpoint.Path}: {where} is {theirs} in the checkpoint{writer} but {found}";
        return text + "; " + Hint(layer, path, theirs);
    }

    private static CheckpointLayer? LayerOf(UltralyticsCheckpoint checkpoint, string path)
    {
        var parts = path.Split('.');
        if (parts.Length < 2 || parts[0] != "model" || !int.TryParse(parts[1], out int index)) return null;
        return checkpoint.Structure.Layers.FirstOrDefault(l => l.Index == index);
    }

    private static string Hint(CheckpointLayer? layer, string path, string theirs)
    {
        if (layer?.Type == "SPPF" && path.EndsWith(".cv1.act", StringComparison.Ordinal))
            return theirs == "Identity"
                ? "the checkpoint follows the Ultralytics 8.4 rules (SPPF cv1 without activation): build the network with the 8.4 reference setting"
                : "the checkpoint follows the Ultralytics 8.3 rules (SPPF cv1 with SiLU, every release before 8.4): build the network with the 8.3 reference setting";
        if (layer is not null && layer.Type.Contains("Detect", StringComparison.Ordinal) && path.Contains(".cv3.", StringComparison.Ordinal))
            return theirs == "Conv"
                ? "the checkpoint has the legacy Detect class branch (Conv, Conv, Conv2d of v5u/v8/v9): build the network with the legacy head (8.4 reference setting for those families)"
                : "the checkpoint has the YOLO11 Detect class branch (DWConv pairs): build the network without the legacy head";
        return "the network was built from a different model file or version than the checkpoint; name the matching model (yologen models) or check the YAML";
    }
}
