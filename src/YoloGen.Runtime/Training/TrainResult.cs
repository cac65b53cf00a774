namespace YoloGen.Training;

/// <summary>The outcome of a run: where it is, every epoch's results, and the best fitness reached.</summary>
public sealed record TrainResult(string RunDirectory, IReadOnlyList<EpochResult> Epochs, double BestFitness, string Last, string Best);
