using YoloGen.Models;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.Models;

/// <summary>
/// The generated <see cref="Yolo11n"/> with the fixture weights reproduces the reference outputs for inputs A and B
/// (eval y, eval raw, train raw) within <see cref="FixtureParity.Float64Bound"/> of io64 and
/// <see cref="FixtureParity.Float32Bound"/> of io (tests/reference/README.md, "Tolerances").
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
            Assert.True(e.IsWithin(FixtureParity.Float64Bound), $"{e} exceeds {FixtureParity.Float64Bound}");
        }
    }

    [Fact]
    public void Float32_outputs_match_io_within_the_reference_floors()
    {
        using var model = new Yolo11n(reference: ReferenceRules.V8_3); // the fixture is 8.3.0's
        foreach (var e in FixtureParity.Measure(model, ScalarType.Float32))
        {
            output.WriteLine(e.ToString());
            Assert.True(e.IsWithin(FixtureParity.Float32Bound), $"{e} exceeds {FixtureParity.Float32Bound}");
        }
    }
}
