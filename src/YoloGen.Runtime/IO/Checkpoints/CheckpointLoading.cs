using YoloGen.Models;

namespace YoloGen.IO.Checkpoints;

/// <summary>Loading an Ultralytics checkpoint into a generated network: exactly, or as a transfer to a different head.</summary>
public static class CheckpointLoading
{
    /// <summary>
    /// Loads every tensor, strictly, after checking the module structure (<see cref="CheckpointMatch"/>): a module, name
    /// or shape that differs is a <see cref="WeightsException"/> naming the first one; nothing is loaded then.
    /// </summary>
    public static StateDictReport LoadInto(this UltralyticsCheckpoint checkpoint, DetectionModel network)
    {
        CheckpointMatch.Ensure(checkpoint, network);
        return StateDict.Load(network, checkpoint.Weights, checkpoint.Path);
    }

    /// <summary>
    /// Pretrained weights for a network whose head differs (another <c>nc</c>): every tensor whose name and shape match
    /// is copied, the rest keep their initial values. The structure check still applies (a parameter-free module that
    /// differs is an error). <see cref="TransferReport.ToString"/> says "Transferred 493/499 items from …".
    /// </summary>
    public static TransferReport TransferInto(this UltralyticsCheckpoint checkpoint, DetectionModel network)
    {
        CheckpointMatch.Ensure(checkpoint, network);
        var report = StateDict.Load(network, checkpoint.Weights, checkpoint.Path, strict: false);
        return new TransferReport(checkpoint.Path, report.Loaded, StateDict.Entries(network).Count, report);
    }

    /// <summary>Reads <paramref name="path"/> and loads it into <paramref name="network"/> (see <see cref="LoadInto"/>).</summary>
    public static UltralyticsCheckpoint LoadUltralytics(this DetectionModel network, string path)
    {
        var checkpoint = UltralyticsCheckpoint.Read(path);
        try
        {
            checkpoint.LoadInto(network);
            return checkpoint;
        }
        catch
        {
            checkpoint.Dispose();
            throw;
        }
    }
}

/// <summary>What a transfer copied: <see cref="Transferred"/> of the network's <see cref="Total"/> state-dict entries.</summary>
public sealed record TransferReport(string Source, int Transferred, int Total, StateDictReport Details)
{
    public override string ToString() => $"Transferred {Transferred}/{Total} items from {Source}";
}
