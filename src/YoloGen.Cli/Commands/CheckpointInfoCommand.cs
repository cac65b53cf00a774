using YoloGen.IO.Checkpoints;

namespace YoloGen.Cli.Commands;

/// <summary>
/// <c>yologen info --weights x.pt [model]</c>: what an Ultralytics checkpoint holds (model name, nc, names, writer
/// version, structure) and, when a compiled-in network fits, whether it loads as is.
/// </summary>
public static class CheckpointInfoCommand
{
    public static int Run(string weights, string? modelName, TextWriter output)
    {
        if (!File.Exists(weights)) throw new CliException($"info: weights file {weights} does not exist");
        using var checkpoint = UltralyticsCheckpoint.Read(weights);
        output.WriteLine($"checkpoint   {weights}");
        output.WriteLine($"model        {checkpoint.ModelName ?? "(not named)"} ({(checkpoint.IsTrainingCheckpoint ? "training checkpoint, EMA weights" : "final weights")})");
        output.WriteLine($"version      Ultralytics {checkpoint.Version ?? "unknown"}{(checkpoint.Date is { } d ? ", " + d : "")}");
        output.WriteLine($"nc           {checkpoint.Nc}");
        output.WriteLine($"names        {string.Join(", ", checkpoint.Names.Take(20))}{(checkpoint.Names.Length > 20 ? $", … ({checkpoint.Names.Length - 20} more)" : "")}");
        output.WriteLine($"stride       {string.Join(", ", checkpoint.Stride)}");
        output.WriteLine($"parameters   {checkpoint.ParameterCount:N0} in {checkpoint.Weights.Count} tensors");
        output.WriteLine($"structure    {checkpoint.Structure}");
        if (checkpoint.Epoch is { } epoch) output.WriteLine($"epoch        {epoch} (best fitness {checkpoint.BestFitness}, EMA updates {checkpoint.Updates})");

        string? name = modelName ?? checkpoint.ModelName;
        if (name is not null && YoloGen.Models.YoloModels.TryCreate(name, checkpoint.Nc, CheckpointMatch.RulesOf(checkpoint), out var model) && model is not null)
        {
            using (model)
            {
                string? difference = CheckpointMatch.FirstDifference(checkpoint, model);
                output.WriteLine(difference is null ? $"network      {name}: same modules, loads as is" : $"network      {name} differs: {difference}");
            }
        }
        output.WriteLine("yaml:");
        foreach (var line in checkpoint.YamlText.TrimEnd('\n').Split('\n')) output.WriteLine("  " + line);
        return 0;
    }
}
