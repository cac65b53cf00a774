using YoloGen.Validation;

namespace YoloGen.Training;

/// <summary>What a run is about to do, reported once before the first batch.</summary>
public sealed record TrainingStart(
    string RunDirectory, string Model, string DatasetYaml, int TrainImages, int ValImages, int NumClasses,
    int BatchesPerEpoch, int StartEpoch, int Epochs, OptimizerChoice Optimizer, long Parameters);

/// <summary>Progress of one training batch: running mean losses of the epoch so far.</summary>
public sealed record BatchProgress(
    int Epoch, int Epochs, int Batch, int Batches, double Box, double Cls, double Dfl, int Instances, int ImageSize,
    long Iteration, long ResidentBytes);

/// <summary>Receives training progress (the CLI draws progress bars and tables from it).</summary>
public interface ITrainingObserver
{
    void OnStart(TrainingStart start) { }
    void OnBatch(BatchProgress progress) { }
    void OnValidationBatch(int epoch, int batch, int batches) { }
    void OnEpochEnd(EpochResult result, ValidationResult validation, bool isBest) { }
    void OnMessage(string message) { }
}
