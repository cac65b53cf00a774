using Microsoft.ML.OnnxRuntime;
using TorchSharp;
using TorchSharp.Modules;
using YoloGen.Export;
using YoloGen.Models;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.Export;

/// <summary>Runs an exported model in ONNX Runtime beside the TorchSharp eval forward and measures the largest differences.</summary>
internal static class OnnxParity
{
    /// <summary>Largest |ONNX − TorchSharp| over the box rows (pixels) and the score rows of the decoded output.</summary>
    public sealed record Difference(double Boxes, double Scores, long[] Shape)
    {
        public override string ToString() => $"boxes {Boxes:E2} px, scores {Scores:E2}, shape [{string.Join(", ", Shape)}]";
    }

    public static Difference Measure(DetectionModel model, byte[] onnx, Tensor images)
    {
        using var session = new InferenceSession(onnx, new SessionOptions { IntraOpNumThreads = 2 });
        return Measure(model, session, images);
    }

    public static Difference Measure(DetectionModel model, InferenceSession session, Tensor images)
    {
        using var scope = NewDisposeScope();
        model.eval();
        Tensor expected;
        using (no_grad()) expected = model.forward(images).Predictions!;
        var input = images.contiguous();
        using var value = OrtValue.CreateTensorValueFromMemory(input.data<float>().ToArray(), input.shape);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, [OnnxExporter.InputName], [value], [OnnxExporter.OutputName]);
        var shape = results[0].GetTensorTypeAndShape().Shape;
        var actual = torch.tensor(results[0].GetTensorDataAsSpan<float>().ToArray(), shape);
        if (!shape.SequenceEqual(expected.shape)) return new Difference(double.PositiveInfinity, double.PositiveInfinity, shape);
        var diff = (actual - expected).abs();
        return new Difference(diff.narrow(1, 0, 4).max().item<float>(), diff.narrow(1, 4, diff.shape[1] - 4).max().item<float>(), shape);
    }

    /// <summary>
    /// Gives every batch norm seeded statistics and affine parameters away from the identity, so that folding them into
    /// the convolutions is exercised (freshly built models have mean 0, variance 1, weight 1, bias 0).
    /// </summary>
    public static void RandomizeBatchNorms(nn.Module model, long seed)
    {
        var generator = new Generator((ulong)seed);
        using var noGrad = no_grad();
        foreach (var bn in model.modules().OfType<BatchNorm2d>())
        {
            long c = bn.weight!.shape[0];
            bn.running_mean!.copy_(torch.randn(c, generator: generator) * 0.1);
            bn.running_var!.copy_(torch.rand(c, generator: generator) + 0.5);
            bn.weight.copy_(torch.rand(c, generator: generator) + 0.5);
            bn.bias!.copy_(torch.randn(c, generator: generator) * 0.1);
        }
    }
}
