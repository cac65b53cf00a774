using static TorchSharp.torch;

namespace YoloGen.IO;

/// <summary>Tensor contents as managed arrays.</summary>
public static class TensorData
{
    /// <summary>
    /// The elements of <paramref name="t"/> (CPU, contiguous) in row-major order. An empty tensor gives an empty
    /// array: TorchSharp's element accessor throws on tensors without elements (an image without detections).
    /// </summary>
    public static T[] ToArray<T>(Tensor t) where T : unmanaged =>
        t.numel() == 0 ? Array.Empty<T>() : t.data<T>().ToArray();
}
