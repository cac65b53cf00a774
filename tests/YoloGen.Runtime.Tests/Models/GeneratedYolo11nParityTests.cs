using YoloGen.Models;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.Models;

/// <summary>
/// The generated <see cref="Yolo11n"/> with the fixture weights reproduces the reference outputs for inputs A and B:
/// float64 within 1e-6 of io64 (eval y, eval raw, train raw); float32 within raw 1e-2, boxes 0.25 px, scores 2e-3,
/// train raw 5e-4 of io.
/// </summary>
public class GeneratedYolo11nParityTests(ITestOutputHelper output)
{
    [Fact]
    public void Float64_outputs_match_io64()
    {
        using var model = new Yolo11n(reference: ReferenceRules.V8_3); // the fixture is 8.3.0's
        foreach (var e in FixtureParity.Measure(model, ScalarType.Float64))
        {
            output.WriteLine(e.ToString());
            Assert.True(e.EvalRaw <= 1e-6 && e.Boxes <= 1e-6 && e.Scores <= 1e-6 && e.TrainRaw <= 1e-6, e.ToString());
        }
    }

    [Fact]
    public void Float32_outputs_match_io_within_the_reference_floors()
    {
        using var model = new Yolo11n(reference: ReferenceRules.V8_3); // the fixture is 8.3.0's
        foreach (var e in FixtureParity.Measure(model, ScalarType.Float32))
        {
            output.WriteLine(e.ToString());
            Assert.True(e.EvalRaw <= 1e-2, e.ToString());
            Assert.True(e.Boxes <= 0.25, e.ToString());
            Assert.True(e.Scores <= 2e-3, e.ToString());
            Assert.True(e.TrainRaw <= 5e-4, e.ToString());
        }
    }
}
