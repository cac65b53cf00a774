using YoloGen.Models;

namespace YoloGen.Cli;

/// <summary>Parameter counts per layer index (a module spanning several indices counts at its first one).</summary>
internal static class LayerParameters
{
    public static Dictionary<int, long> Count(DetectionModel model) =>
        model.Model.Layers.ToDictionary(l => l.Index, l => l.Module.parameters().Sum(p => p.numel()));
}
