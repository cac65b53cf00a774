using TorchSharp;
using YoloGen.IO;
using YoloGen.Models;
using YoloGen.Nn;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.Nn;

/// <summary>
/// The runtime modules, wired as the reference's yolo11n and loaded with the fixture weights, reproduce the fixture
/// outputs within <see cref="FixtureParity.Float64Bound"/> of io64 and <see cref="FixtureParity.Float32Bound"/> of io,
/// about 10× the errors measured (tests/reference/README.md, "Tolerances"). Train-mode forwards leave the loaded
/// state untouched.
/// </summary>
public class ReferenceParityTests(ITestOutputHelper output)
{
    /// <summary>Fused (and channels-last) float64 eval y against io64: about 10× the error measured.</summary>
    private const double FusedBound = 1.2e-9;

    [Fact]
    public void Float64_outputs_match_io64()
    {
        using var model = new GoldenNetwork("yolo11n");
        foreach (var e in FixtureParity.Measure(model, ScalarType.Float64))
        {
            output.WriteLine(e.ToString());
            Assert.True(e.IsWithin(FixtureParity.Float64Bound), $"{e} exceeds {FixtureParity.Float64Bound}");
        }
    }

    [Fact]
    public void Float64_outputs_of_the_fused_model_match_io64()
    {
        using var model = new GoldenNetwork("yolo11n");
        StateDict.LoadFile(model, FixtureParity.WeightsFile);
        model.to(ScalarType.Float64);
        int batchNorms = GoldenModel.Load("yolo11n").Layers.Sum(l => l.StateDict.Count(e => e.Name.EndsWith("bn.running_mean")));
        Assert.Equal(batchNorms + 1, model.Fuse()); // every Conv, plus the head (which drops an end-to-end head's one-to-many branch)
        using var noGrad = no_grad();
        AssertEvalOutputsMatchIo64(model, "fused");
    }

    [Fact]
    public void Float64_outputs_of_the_fused_channels_last_model_match_io64()
    {
        using var model = new GoldenNetwork("yolo11n");
        StateDict.LoadFile(model, FixtureParity.WeightsFile);
        model.to(ScalarType.Float64);
        model.Fuse();
        int convolutions = model.modules().OfType<TorchSharp.Modules.Conv2d>().Distinct().Count();
        Assert.Equal(convolutions, model.ToChannelsLast());
        using var mode = inference_mode();
        AssertEvalOutputsMatchIo64(model, "fused channels-last",
            result => Assert.Equal(1, result.Raw[0].stride(1))); // the maps really are channels-last
    }

    /// <summary>
    /// The float64 eval predictions of <paramref name="model"/> on the fixture inputs A and B are within
    /// <see cref="FusedBound"/> of io64's;
    /// <paramref name="check"/> sees each output too. The caller chooses the grad mode.
    /// </summary>
    private void AssertEvalOutputsMatchIo64(GoldenNetwork model, string variant, Action<DetectionOutput>? check = null)
    {
        using var scope = NewDisposeScope();
        using var io = SafeTensors.Load(TestPaths.Fixture("yolo11n-seed0.io.safetensors"));
        using var io64 = SafeTensors.Load(TestPaths.Fixture("yolo11n-seed0.io64.safetensors"));
        model.eval();
        foreach (var name in new[] { "A", "B" })
        {
            var result = model.call(io[$"input.{name}"].to(ScalarType.Float64));
            check?.Invoke(result);
            double error = (result.Predictions! - io64[$"{name}.eval.y"]).abs().max().item<double>();
            output.WriteLine($"{name}: {variant} float64 y {error:E2}");
            Assert.True(error <= FusedBound, $"{variant} model differs from io64 by {error:E2} > {FusedBound:E0}");
        }
    }

    [Fact]
    public void Float32_outputs_match_io_within_the_reference_floors()
    {
        using var model = new GoldenNetwork("yolo11n");
        foreach (var e in FixtureParity.Measure(model, ScalarType.Float32))
        {
            output.WriteLine(e.ToString());
            Assert.True(e.IsWithin(FixtureParity.Float32Bound), $"{e} exceeds {FixtureParity.Float32Bound}");
        }
    }

    [Fact]
    public void Train_mode_forward_leaves_weights_and_running_statistics_untouched()
    {
        using var model = new GoldenNetwork("yolo11n");
        StateDict.LoadFile(model, FixtureParity.WeightsFile);
        model.eval();
        using var scope = NewDisposeScope();
        var before = StateDict.Entries(model).Select(e => e.Tensor.clone()).ToList();

        var raw = TrainModeForward.RawMaps(model, rand(2, 3, 64, 64));

        Assert.Equal(3, raw.Length);
        Assert.False(model.training);
        Assert.All(StateDict.Entries(model).Zip(before), p => Assert.True(p.First.Tensor.equal(p.Second).all().item<bool>(), p.First.Name));
    }
}
