using YoloGen.IO;
using YoloGen.Models;
using YoloGen.Training;

namespace YoloGen.Cli;

/// <summary>Creates a compiled-in model by name; an unknown name is a user error listing the known ones.</summary>
internal static class ModelLookup
{
    public static DetectionModel Create(string command, string name, int? nc = null, ReferenceRules? reference = null)
    {
        if (YoloModels.TryCreate(name, nc, reference, out var model) && model is not null) return model;
        throw CliException.Usage($"{command}: unknown model '{name}'. Known models: {string.Join(", ", YoloModels.Names)}{Parsing.Suggestions.DidYouMean(name, YoloModels.Names)}");
    }

    /// <summary>The torch device of a <c>--device</c> value; an unknown or unavailable device is a user error.</summary>
    public static TorchSharp.torch.Device Device(string command, string text)
    {
        try { return Trainer.ParseDevice(text); }
        catch (ArgumentException e) { throw CliException.Usage($"{command}: {e.Message}"); }
    }

    /// <summary>
    /// The network an Ultralytics checkpoint names (or <paramref name="name"/>), with its classes, built by the reference
    /// rules its modules show (<see cref="IO.Checkpoints.CheckpointMatch.RulesOf"/>) and loaded strictly.
    /// </summary>
    private static (DetectionModel Model, string[] Names) CreateWithCheckpoint(string command, string? name, string weights)
    {
        using var checkpoint = IO.Checkpoints.UltralyticsCheckpoint.Read(weights);
        name ??= checkpoint.ModelName ?? throw CliException.Usage($"{command}: --model is required for {weights} (its YAML names no model)");
        var model = Create(command, name, checkpoint.Nc, IO.Checkpoints.CheckpointMatch.RulesOf(checkpoint));
        try
        {
            IO.Checkpoints.CheckpointLoading.LoadInto(checkpoint, model);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        return (model, checkpoint.Names);
    }

    /// <summary>
    /// Creates the model for a weights file: the number of classes and their names come from a training checkpoint's
    /// record, or for a plain state dict from the shape of the head's first class-branch output conv.
    /// </summary>
    public static (DetectionModel Model, string[] Names) CreateWithWeights(string command, string? name, string weights, ReferenceRules? reference = null)
    {
        if (!File.Exists(weights)) throw new CliException($"{command}: weights file {weights} does not exist");
        if (WeightsFile.IsCheckpoint(weights)) return CreateWithCheckpoint(command, name, weights);
        var info = Checkpoint.ReadInfo(weights);
        var metadata = info is null ? SafeTensors.ReadHeader(weights).Metadata : null;
        name ??= info?.Model ?? metadata?.GetValueOrDefault("model") ?? throw CliException.Usage($"{command}: --model is required for {weights} (a plain weights file)");
        int nc;
        if (info is not null) nc = info.Names.Length;
        else
        {
            var head = SafeTensors.ReadHeader(weights).Entries
                .FirstOrDefault(e => e.Name.EndsWith(".cv3.0.2.bias", StringComparison.Ordinal) && e.Shape.Length == 1)
                ?? throw new CliException($"{command}: {weights} has no detection head tensor '*.cv3.0.2.bias'; is it a detection model's weights?");
            nc = checked((int)head.Shape[0]);
        }
        var model = Create(command, name, nc, reference);
        try
        {
            Checkpoint.LoadWeights(model, weights);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        // A file converted from a .pt records the checkpoint's class names.
        string[]? recorded = null;
        if (metadata?.GetValueOrDefault("names") is { } json)
        {
            try { recorded = System.Text.Json.JsonSerializer.Deserialize<string[]>(json); }
            catch (System.Text.Json.JsonException) { }
        }
        string[] names = info?.Names ?? (recorded?.Length == nc ? recorded : null) ?? Enumerable.Range(0, nc).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return (model, names);
    }
}
