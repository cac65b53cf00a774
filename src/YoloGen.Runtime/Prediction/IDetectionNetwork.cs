using static TorchSharp.torch;

namespace YoloGen.Prediction;

/// <summary>
/// What prediction and validation need of a network: letterboxed images (B, 3, H, W) float32 in [0, 1] in, decoded
/// predictions (B, 4 + nc, A) out (centre x, centre y, width, height in input pixels, then class scores). Implemented
/// by the TorchSharp model (<see cref="TorchDetectionNetwork"/>) and by an ONNX Runtime session (<see cref="OnnxDetectionNetwork"/>),
/// so both run through the same letterbox and NMS code.
/// </summary>
public interface IDetectionNetwork : IDisposable
{
    int NumClasses { get; }

    /// <summary>The largest stride: letterboxed sizes are multiples of it.</summary>
    int Stride { get; }

    /// <summary>The only input size (height, width) the network takes, or null when any multiple of <see cref="Stride"/> works.</summary>
    (int Height, int Width)? FixedSize { get; }

    /// <summary>The only batch size the network takes, or null when any works.</summary>
    int? FixedBatch { get; }

    /// <summary>The device the input should be on.</summary>
    Device Device { get; }

    /// <summary>
    /// Whether <see cref="Predict"/> returns an end-to-end head's final rows (B, K, 6: x1, y1, x2, y2, score, class) that
    /// need no NMS, instead of (B, 4 + nc, A).
    /// </summary>
    bool IsEndToEnd => false;

    /// <summary>Eval-mode predictions for a batch, created in the caller's dispose scope.</summary>
    Tensor Predict(Tensor images);
}
