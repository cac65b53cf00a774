using TorchSharp;
using YoloGen.Nn;
using static TorchSharp.torch;

namespace YoloGen.Models;

/// <summary>
/// A train-mode forward that leaves the model as it found it: BatchNorm uses batch statistics (biased variance) as in
/// training, and afterwards the running statistics, batch counters and the train/eval flag are restored — the
/// reference's "deep copy in train mode" without copying the weights.
/// </summary>
public static class TrainModeForward
{
    /// <summary>The head's raw per-level maps for <paramref name="input"/>, computed in train mode without gradients.</summary>
    public static Tensor[] RawMaps(nn.Module<Tensor, DetectionOutput> model, Tensor input) => Output(model, input).Raw;

    /// <summary>The head's whole train-mode output (the one-to-many maps, and an end-to-end head's one-to-one maps).</summary>
    public static DetectionOutput Output(nn.Module<Tensor, DetectionOutput> model, Tensor input)
    {
        bool wasTraining = model.training;
        using var snapshot = BufferSnapshot.Take(model);
        try
        {
            model.train();
            using var noGrad = no_grad();
            return model.call(input);
        }
        finally
        {
            snapshot.Restore();
            model.train(wasTraining);
        }
    }
}
