using TorchSharp;
using YoloGen.Export;
using YoloGen.Models;
using YoloGen.Prediction;
using YoloGen.Training;
using Xunit.Abstractions;

namespace YoloGen.Runtime.Tests.Export;

/// <summary>
/// tests/reference/onnx/yolo11n-seed0.ref.onnx, written by the reference's own exporter from the fixture weights
/// (tests/reference/onnx/README.md), run by <see cref="OnnxDetectionNetwork"/>: its metadata is read, its output
/// matches the TorchSharp forward and YoloGen's export of the same weights.
/// </summary>
public sealed class ReferenceOnnxTests(ITestOutputHelper output)
{
    private static string ReferenceOnnx => Path.Combine(TestPaths.Reference, "onnx", "yolo11n-seed0.ref.onnx");

    private static Yolo11n FixtureModel()
    {
        var model = new Yolo11n(80, ReferenceRules.V8_3); // the reference export and the fixture weights are 8.3.0
        Checkpoint.LoadWeights(model, TestPaths.Fixture("yolo11n-seed0.weights.safetensors"));
        model.eval();
        return model;
    }

    [Fact]
    public void Reference_export_loads_with_its_metadata()
    {
        using var network = new OnnxDetectionNetwork(ReferenceOnnx, threads: 2);
        Assert.Equal(80, network.NumClasses);
        Assert.Equal("79", network.Names[79]);
        Assert.Equal(32, network.Stride);
        Assert.Equal((640, 640), network.FixedSize);
        Assert.Equal(1, network.FixedBatch);
        Assert.Equal("8.4.50", network.Metadata["version"]);
    }

    [Fact]
    public void Reference_export_and_ours_give_the_same_predictions()
    {
        using var scope = torch.NewDisposeScope();
        using var model = FixtureModel();
        using var reference = new OnnxDetectionNetwork(ReferenceOnnx, threads: 2);
        using var ours = new OnnxDetectionNetwork(OnnxExporter.ToBytes(model, new OnnxExportOptions()), "export", threads: 2);
        var images = torch.rand(1, 3, 640, 640, generator: new torch.Generator(7));
        torch.Tensor expected;
        using (torch.no_grad()) expected = model.forward(images).Predictions!;
        var r = reference.Predict(images);
        var o = ours.Predict(images);
        var refVsOurs = (r - o).abs();
        var refVsTorch = (r - expected).abs();
        double boxes = refVsOurs.narrow(1, 0, 4).max().item<float>(), scores = refVsOurs.narrow(1, 4, 80).max().item<float>();
        double torchBoxes = refVsTorch.narrow(1, 0, 4).max().item<float>(), torchScores = refVsTorch.narrow(1, 4, 80).max().item<float>();
        output.WriteLine($"reference export vs ours (both ONNX Runtime): boxes {boxes:E2} px, scores {scores:E2}; vs TorchSharp: boxes {torchBoxes:E2} px, scores {torchScores:E2}");
        // Float32 floors of two implementations of the same trained-scale network (the fixture README's io tolerances).
        Assert.True(boxes <= 0.25 && scores <= 2e-3, $"boxes {boxes}, scores {scores}");
        Assert.True(torchBoxes <= 0.25 && torchScores <= 2e-3, $"boxes {torchBoxes}, scores {torchScores}");
    }
}
