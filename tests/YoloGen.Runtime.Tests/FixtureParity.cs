using TorchSharp;
using YoloGen.IO;
using YoloGen.Models;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests;

/// <summary>Max absolute differences of a model's outputs from the yolo11n fixture, for one input (A or B).</summary>
public sealed record ParityErrors(string Input, double EvalRaw, double Boxes, double Scores, double TrainRaw)
{
    public override string ToString() =>
        $"{Input}: eval raw {EvalRaw:E2}, boxes {Boxes:E2} px, scores {Scores:E2}, train raw {TrainRaw:E2}";
}

/// <summary>
/// Runs a yolo11n-shaped model with the fixture weights on the fixture inputs and measures the differences from the
/// reference outputs: float32 against <c>io</c>, float64 (model and input in double) against <c>io64</c>.
/// </summary>
public static class FixtureParity
{
    public static string WeightsFile => TestPaths.Fixture("yolo11n-seed0.weights.safetensors");

    /// <summary>Float64 against io64: about 10× the largest error measured (tests/reference/README.md, "Tolerances").</summary>
    public static readonly ParityErrors Float64Bound = new("bound", EvalRaw: 3e-11, Boxes: 6e-10, Scores: 5e-12, TrainRaw: 2e-12);

    /// <summary>Float32 against io: about 10× the largest error measured (tests/reference/README.md, "Tolerances").</summary>
    public static readonly ParityErrors Float32Bound = new("bound", EvalRaw: 1e-3, Boxes: 1.5e-2, Scores: 1.5e-4, TrainRaw: 1.5e-4);

    public static bool IsWithin(this ParityErrors e, ParityErrors bound) =>
        e.EvalRaw <= bound.EvalRaw && e.Boxes <= bound.Boxes && e.Scores <= bound.Scores && e.TrainRaw <= bound.TrainRaw;

    public static IReadOnlyList<ParityErrors> Measure(DetectionModel model, ScalarType dtype)
    {
        var report = StateDict.LoadFile(model, WeightsFile);
        if (!report.IsExact) throw new InvalidOperationException(report.ToString());
        if (dtype != ScalarType.Float32) model.to(dtype);
        model.eval();

        using var inputs = SafeTensors.Load(TestPaths.Fixture("yolo11n-seed0.io.safetensors"));
        using var expected = dtype == ScalarType.Float64 ? SafeTensors.Load(TestPaths.Fixture("yolo11n-seed0.io64.safetensors")) : null;
        var reference = expected ?? inputs;
        var results = new List<ParityErrors>();
        foreach (var name in new[] { "A", "B" })
        {
            using var scope = NewDisposeScope();
            var x = inputs[$"input.{name}"].to(dtype);
            DetectionOutput eval;
            using (no_grad()) eval = model.call(x);
            var train = TrainModeForward.RawMaps(model, x);
            var y = reference[$"{name}.eval.y"];
            results.Add(new ParityErrors(
                name,
                MaxDiff(eval.Raw, Enumerable.Range(0, 3).Select(i => reference[$"{name}.eval.raw.{i}"])),
                MaxDiff(eval.Predictions![.., ..4], y[.., ..4]),
                MaxDiff(eval.Predictions![.., 4..], y[.., 4..]),
                MaxDiff(train, Enumerable.Range(0, 3).Select(i => reference[$"{name}.train.raw.{i}"]))));
        }
        return results;
    }

    private static double MaxDiff(Tensor actual, Tensor expected)
    {
        if (!actual.shape.SequenceEqual(expected.shape))
            throw new InvalidOperationException($"shape [{string.Join(",", actual.shape)}] instead of [{string.Join(",", expected.shape)}]");
        return (actual.to(ScalarType.Float64) - expected.to(ScalarType.Float64)).abs().max().item<double>();
    }

    private static double MaxDiff(IEnumerable<Tensor> actual, IEnumerable<Tensor> expected) =>
        actual.Zip(expected).Max(p => MaxDiff(p.First, p.Second));
}
