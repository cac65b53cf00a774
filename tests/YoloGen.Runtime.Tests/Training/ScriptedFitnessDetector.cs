using YoloGen.Models;
using YoloGen.Nn;
using YoloGen.Runtime.Tests.Prediction;
using YoloGen.Training;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.Training;

/// <summary>
/// A <see cref="TinyDetector"/> that trains as usual but whose eval predictions are the painted rectangles of
/// <see cref="PaintedBoxDetector"/> shifted right by the pixels <see cref="FitnessScript"/> gives for the current epoch:
/// the validation fitness of every epoch is then chosen by the test (0 px: the metrics' maximum; more: lower), which
/// early stopping and the choice of <c>best</c> can be checked against. The raw maps stay the network's own, so the
/// validation loss is computed as always.
/// </summary>
internal sealed class ScriptedFitnessDetector : DetectionModel
{
    private readonly TinyDetector _network;
    private readonly PaintedBoxDetector _painted = new();
    private readonly FitnessScript _script;

    public ScriptedFitnessDetector(int nc, FitnessScript script) : base("tiny", nc)
    {
        _script = script;
        _network = new TinyDetector(nc);
        foreach (var (index, layer) in _network.Model.Layers) Model.Add(index, layer); // the same layers: TinyDetector's state dict
    }

    public override Detect Head => _network.Head;

    public override IReadOnlyList<LayerInfo> LayerInfos => _network.LayerInfos;

    public override DetectionOutput forward(Tensor x)
    {
        if (training) return _network.forward(x);
        var output = _network.forward(x);
        output.Predictions!.Dispose();
        using var painted = _painted.forward(x);
        var predictions = painted.Predictions!.clone();
        predictions[.., 0] += _script.ShiftNow;
        return new DetectionOutput(predictions, output.Raw);
    }
}

/// <summary>
/// Box shift in pixels per epoch (0-based), following the run through its observer callbacks; keeps a copy of every
/// epoch's <c>last</c> as <c>weights/epochN.safetensors</c>; optionally crashes at a batch.
/// </summary>
internal sealed class FitnessScript(double[] shifts, (int Epoch, int Batch)? crashAt = null) : ITrainingObserver
{
    private int _epoch;
    private string _weights = "";

    public double ShiftNow => shifts[_epoch];

    public void OnStart(TrainingStart start)
    {
        _epoch = start.StartEpoch;
        _weights = Path.Combine(start.RunDirectory, "weights");
    }

    public void OnBatch(BatchProgress p)
    {
        if (crashAt is { } c && p.Epoch == c.Epoch && p.Batch == c.Batch) throw new ScriptedCrash();
    }

    public void OnEpochEnd(EpochResult row, YoloGen.Validation.ValidationResult validation, bool isBest)
    {
        _epoch++;
        File.Copy(Path.Combine(_weights, "last.safetensors"), Path.Combine(_weights, $"epoch{row.Epoch}.safetensors"));
    }
}

internal sealed class ScriptedCrash : Exception;
