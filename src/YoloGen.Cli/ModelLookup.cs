using YoloGen.Models;

namespace YoloGen.Cli;

/// <summary>Creates a compiled-in model by name; an unknown name is a user error listing the known ones.</summary>
internal static class ModelLookup
{
    public static DetectionModel Create(string command, string name, int? nc = null)
    {
        if (YoloModels.TryCreate(name, nc, out var model) && model is not null) return model;
        throw new CliException($"{command}: unknown model '{name}'. Known models: {string.Join(", ", YoloModels.Names)}");
    }
}
