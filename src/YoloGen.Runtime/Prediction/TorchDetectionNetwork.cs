using YoloGen.Models;
using static TorchSharp.torch;

namespace YoloGen.Prediction;

/// <summary>A TorchSharp <see cref="DetectionModel"/> as an <see cref="IDetectionNetwork"/>: eval forward, decoded output; the model is not owned.</summary>
public sealed class TorchDetectionNetwork(DetectionModel model, Device? device = null) : IDetectionNetwork
{
    public DetectionModel Model { get; } = model;

    public int NumClasses => Model.NumClasses;

    public int Stride => Model.Strides.Max();

    public (int Height, int Width)? FixedSize => null;

    public int? FixedBatch => null;

    public bool IsEndToEnd => Model.IsEndToEnd;

    public Device Device { get; } = device ?? CPU;

    public Tensor Predict(Tensor images)
    {
        Model.eval();
        var output = Model.forward(images);
        foreach (var raw in output.Raw) raw.Dispose();
        return output.Predictions!;
    }

    public void Dispose() { }
}
