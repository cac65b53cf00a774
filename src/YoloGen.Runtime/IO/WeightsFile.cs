using YoloGen.IO.Checkpoints;
using YoloGen.Models;
using YoloGen.Training;

namespace YoloGen.IO;

/// <summary>
/// Weights files by extension: <c>.pt</c> is an Ultralytics checkpoint (<see cref="UltralyticsCheckpoint"/>), anything
/// else safetensors (a plain state dict or a YoloGen training checkpoint). One entry point for every command that
/// takes <c>--weights</c>, and the conversion between the two formats.
/// </summary>
public static class WeightsFile
{
    public static bool IsCheckpoint(string path) => path.EndsWith(".pt", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".pth", StringComparison.OrdinalIgnoreCase);

    /// <summary>Loads the inference weights strictly (for a .pt, after the structure check of <see cref="CheckpointMatch"/>).</summary>
    public static StateDictReport Load(DetectionModel network, string path)
    {
        if (!IsCheckpoint(path)) return Checkpoint.LoadWeights(network, path);
        using var checkpoint = UltralyticsCheckpoint.Read(path);
        return checkpoint.LoadInto(network);
    }

    /// <summary>Pretrained weights for a network with another head: copies every tensor whose name and shape match; returns "Transferred a/b items from …".</summary>
    public static string Transfer(DetectionModel network, string path)
    {
        if (IsCheckpoint(path))
        {
            using var checkpoint = UltralyticsCheckpoint.Read(path);
            return checkpoint.TransferInto(network).ToString();
        }
        using var file = SafeTensors.Load(path);
        var report = StateDict.Load(network, file.Tensors.Where(t => !t.Name.StartsWith(Checkpoint.TrainPrefix, StringComparison.Ordinal)), path, strict: false);
        return new TransferReport(path, report.Loaded, StateDict.Entries(network).Count, report).ToString();
    }

    /// <summary>A .pt checkpoint's weights (float32, PyTorch order) as a plain safetensors state dict; metadata records names and source.</summary>
    public static void CheckpointToSafeTensors(string pt, string safetensors)
    {
        using var checkpoint = UltralyticsCheckpoint.Read(pt);
        var metadata = new Dictionary<string, string>
        {
            ["format"] = "pt",
            ["names"] = System.Text.Json.JsonSerializer.Serialize(checkpoint.Names),
            ["source"] = Path.GetFileName(pt),
        };
        if (checkpoint.ModelName is { } model) metadata["model"] = model;
        if (checkpoint.Version is { } version) metadata["ultralytics_version"] = version;
        SafeTensors.Save(safetensors, checkpoint.Weights, metadata);
    }

    /// <summary>Writes <paramref name="network"/> (already loaded with its weights) as a .pt checkpoint the reference loads.</summary>
    public static void SaveCheckpoint(string pt, DetectionModel network, IReadOnlyList<string>? names = null, CheckpointWriteOptions? options = null) =>
        UltralyticsCheckpointWriter.Write(pt, network, names, options);
}
