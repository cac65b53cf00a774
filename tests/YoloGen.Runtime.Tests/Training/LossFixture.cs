using YoloGen.IO;
using YoloGen.Training.Loss;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.Training;

/// <summary>The loss fixture (tests/reference/fixtures/loss-yolo11n-seed0.safetensors), loaded once.</summary>
internal static class LossFixture
{
    private static readonly Lazy<SafeTensorsFile> File = new(() => SafeTensors.Load(TestPaths.Fixture("loss-yolo11n-seed0.safetensors")));

    public static SafeTensorsFile Tensors => File.Value;

    public static readonly int[] Strides = [8, 16, 32];

    /// <summary>The stored float32 head maps in <paramref name="dtype"/>, as leaves that require gradients.</summary>
    public static Tensor[] Raw(ScalarType dtype) =>
        Enumerable.Range(0, 3).Select(i => Tensors[$"raw.{i}"].to_type(dtype, copy: true).requires_grad_(true)).ToArray();

    public static DetectionTargets Targets() => new(Tensors["batch_idx"], Tensors["cls"], Tensors["bboxes"]);
}
