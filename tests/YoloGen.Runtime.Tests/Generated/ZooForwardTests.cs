using TorchSharp;
using YoloGen.IO;
using YoloGen.Models;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.Generated;

/// <summary>
/// Every forward fixture of tests/reference/zoo/fixtures whose model is generated: the network with the fixture's F16
/// weights (converted exactly to float) reproduces every output the reference stored, by name — eval and train mode in
/// float64 within 1e-6 (zoo README: an exact re-implementation agrees to ~1e-10), fused and unfused; eval mode in float32
/// within 1e-2 + 1e-3·max|value| (the reference's own float32 spread), except the sorted top-k rows of end-to-end heads,
/// which float32 rounding permutes (compared in float64 only).
/// </summary>
public sealed class ZooForwardTests
{
    private static string Fixture(string file) => Path.Combine(TestPaths.Reference, "zoo", "fixtures", file);

    public static TheoryData<string, bool> Models()
    {
        var data = new TheoryData<string, bool>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestPaths.Reference, "zoo", "fixtures"), "*-seed0.weights.safetensors").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file)[..^"-seed0.weights.safetensors".Length];
            if (!YoloModels.Names.Contains(name)) continue; // task models: the tasks work; pending families: ZooModelTests lists them
            data.Add(name, false);
            data.Add(name, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Float64_outputs_match_the_reference(string name, bool fused)
    {
        using var scope = NewDisposeScope();
        using var model = Load(name);
        model.to(ScalarType.Float64);
        using var inputs = SafeTensors.Load(Fixture(name + "-seed0.io.safetensors"));
        using var expected = SafeTensors.Load(Fixture(name + "-seed0.io64.safetensors"));
        var x = inputs["input.A"].to(ScalarType.Float64);

        model.eval();
        if (fused) model.Fuse();
        using (no_grad())
        {
            using var eval = model.call(x);
            Compare(ReferenceOutputNames.Flatten(eval, "A", training: false, model.NumClasses), expected, name, 1e-6, relative: 0);
        }
        if (fused) return; // a fused network is for inference only
        model.train(); // after eval: a training forward moves the batch norms' running statistics
        using var train = model.call(x);
        Compare(ReferenceOutputNames.Flatten(train, "A", training: true, model.NumClasses), expected, name, 1e-6, relative: 0);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Float32_outputs_match_the_reference_within_its_spread(string name, bool fused)
    {
        using var scope = NewDisposeScope();
        using var model = Load(name);
        using var io = SafeTensors.Load(Fixture(name + "-seed0.io.safetensors"));
        model.eval();
        if (fused) model.Fuse();
        using var noGrad = no_grad();
        using var eval = model.call(io["input.A"]);
        var outputs = ReferenceOutputNames.Flatten(eval, "A", training: false, model.NumClasses)
            .Where(o => !(eval.IsEndToEnd && o.Name == "A.eval.0"));
        Compare(outputs, io, name, 1e-2, relative: 1e-3);
    }

    private static DetectionModel Load(string name)
    {
        var model = YoloModels.Create(name);
        var report = StateDict.LoadFile(model, Fixture(name + "-seed0.weights.safetensors"));
        Assert.True(report.IsExact, report.ToString());
        return model;
    }

    private static void Compare(IEnumerable<(string Name, Tensor Tensor)> actual, SafeTensorsFile expected, string model, double absolute, double relative)
    {
        var compared = 0;
        foreach (var (key, tensor) in actual)
        {
            Assert.True(expected.Contains(key), $"{model}: the fixture has no {key}");
            var reference = expected[key].to(ScalarType.Float64);
            Assert.Equal(reference.shape, tensor.shape);
            var diff = (tensor.to(ScalarType.Float64) - reference).abs().max().item<double>();
            var bound = absolute + relative * reference.abs().max().item<double>();
            Assert.True(diff <= bound, $"{model} {key}: max |difference| {diff:E2} > {bound:E2}");
            compared++;
        }
        Assert.True(compared >= 2, $"{model}: only {compared} outputs compared");
    }
}
