using System.Globalization;
using System.Text.Json;
using TorchSharp;
using YoloGen.IO;
using static TorchSharp.torch;

namespace YoloGen.Training;

/// <summary>What a checkpoint records beside its tensors (stored as safetensors metadata).</summary>
public sealed record CheckpointInfo(
    string Model,
    int Epoch,
    int Epochs,
    double BestFitness,
    long EmaUpdates,
    string Optimizer,
    string[] Names,
    TrainOptions Args,
    string Date);

/// <summary>
/// Training checkpoints (<c>weights/last.safetensors</c>, <c>weights/best.safetensors</c>): one safetensors file
/// whose plain keys are the EMA weights — a normal state dict any loader can read — and whose <c>train.</c> keys hold
/// what resuming needs: the raw model weights (<c>train.model.…</c>) and the optimizer state (<c>train.optimizer</c>,
/// TorchSharp's own serialisation as bytes). Files are written atomically: a crash never leaves half a checkpoint.
/// </summary>
public static class Checkpoint
{
    public const string TrainPrefix = "train.";
    private const string OptimizerKey = "train.optimizer";
    private const string InfoKey = "yologen.checkpoint";

    public static void Save(string path, nn.Module ema, nn.Module model, TorchSharp.Modules.OptimizerHelper? optimizer, CheckpointInfo info)
    {
        var tensors = new List<(string, Tensor)>(StateDict.Entries(ema));
        foreach (var (name, t) in StateDict.Entries(model)) tensors.Add((TrainPrefix + name, t));
        Tensor? blob = null;
        if (optimizer is not null)
        {
            using var ms = new MemoryStream();
            using (var w = new BinaryWriter(ms, System.Text.Encoding.UTF8, leaveOpen: true)) optimizer.save_state_dict(w);
            blob = tensor(ms.ToArray(), dtype: ScalarType.Byte);
            tensors.Add((OptimizerKey, blob));
        }
        try
        {
            var metadata = new Dictionary<string, string> { [InfoKey] = JsonSerializer.Serialize(info) };
            SafeTensors.Save(path, tensors, metadata);
        }
        finally
        {
            blob?.Dispose();
        }
    }

    /// <summary>The checkpoint's record, or null when the file is a plain weights file.</summary>
    public static CheckpointInfo? ReadInfo(string path)
    {
        var header = SafeTensors.ReadHeader(path);
        if (!header.Metadata.TryGetValue(InfoKey, out var json)) return null;
        try
        {
            return JsonSerializer.Deserialize<CheckpointInfo>(json)
                ?? throw new WeightsException($"{path}: checkpoint record is empty");
        }
        catch (JsonException e)
        {
            throw new WeightsException($"{path}: checkpoint record '{InfoKey}' is not valid: {e.Message}");
        }
    }

    /// <summary>Loads the inference weights (the plain keys) of a checkpoint or of any plain weights file, strictly.</summary>
    public static StateDictReport LoadWeights(nn.Module model, string path)
    {
        using var file = SafeTensors.Load(path);
        return StateDict.Load(model, file.Tensors.Where(t => !t.Name.StartsWith(TrainPrefix, StringComparison.Ordinal)), path);
    }

    /// <summary>Restores EMA weights, raw model weights and optimizer state for <c>--resume</c>.</summary>
    public static CheckpointInfo Restore(string path, nn.Module ema, nn.Module model, TorchSharp.Modules.OptimizerHelper optimizer)
    {
        var info = ReadInfo(path) ?? throw new WeightsException($"{path}: not a training checkpoint (no '{InfoKey}' metadata); cannot resume from it");
        using var file = SafeTensors.Load(path);
        var plain = file.Tensors.Where(t => !t.Name.StartsWith(TrainPrefix, StringComparison.Ordinal));
        var raw = file.Tensors
            .Where(t => t.Name.StartsWith(TrainPrefix, StringComparison.Ordinal) && t.Name != OptimizerKey)
            .Select(t => (t.Name[TrainPrefix.Length..], t.Tensor));
        StateDict.Load(ema, plain, path);
        StateDict.Load(model, raw, path + " (train.*)");
        if (!file.TryGet(OptimizerKey, out var blob))
            throw new WeightsException($"{path}: '{OptimizerKey}' is missing; cannot resume the optimizer");
        using var ms = new MemoryStream(blob.data<byte>().ToArray());
        using var r = new BinaryReader(ms);
        try
        {
            optimizer.load_state_dict(r);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new WeightsException($"{path}: optimizer state does not fit this optimizer ({info.Optimizer}): {e.Message}");
        }
        return info;
    }

    public static string Now() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
