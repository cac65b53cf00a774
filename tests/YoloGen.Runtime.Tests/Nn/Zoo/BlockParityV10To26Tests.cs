using System.Text.Json;
using TorchSharp;
using YoloGen.IO;
using YoloGen.Nn;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.Nn.Zoo;

/// <summary>
/// The YOLOv10, YOLO12 and YOLO26 blocks (and the 8.4 SPPF and C3k2) against per-module outputs of the reference
/// (tests/reference/zoo/modules/blocks-v10-26.safetensors, written by blocks-v10-26.py next to it): each case is built
/// by position from the reference's own arguments, loaded with the fixture's F16-exact weights and run in float64 in
/// eval mode, in train mode, and fused; every output is within 1e-9 of the reference's.
/// </summary>
public class BlockParityV10To26Tests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-9;

    private static string FixtureFile => Path.Combine(TestPaths.Reference, "zoo", "modules", "blocks-v10-26.safetensors");

    /// <summary>Every case the fixture must hold (a case dropped from the script fails <see cref="Fixture_holds_every_case"/>).</summary>
    private static readonly string[] CaseNames =
    [
        "SPPF.v84_shortcut", "SPPF.v84_k3_n2", "SPPF.v83",
        "C3k2.attn", "C3k2.attn_n2_no_shortcut", "C3k2.bottleneck_g2",
        "SCDown", "PSA",
        "CIB", "CIB.lk", "CIB.widen", "C2fCIB.lk", "C2fCIB", "RepVGGDW",
        "AAttn.area4", "AAttn.area1", "ABlock", "A2C2f.area4", "A2C2f.residual", "A2C2f.c3k",
    ];

    public static TheoryData<string> Cases() => new(CaseNames);

    public static TheoryData<string, string> CasesAndModes()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in CaseNames)
        {
            data.Add(name, "eval");
            data.Add(name, "train");
        }
        return data;
    }

    private static readonly Lazy<SafeTensorsFile> Fixture = new(() => SafeTensors.Load(FixtureFile));

    [Fact]
    public void Fixture_holds_every_case()
    {
        var cases = Fixture.Value.Metadata.Keys.Where(k => k != "provenance").Order(StringComparer.Ordinal);
        Assert.Equal(CaseNames.Order(StringComparer.Ordinal), cases);
    }

    /// <summary>Eval mode (running statistics) and train mode (batch statistics, biased variance).</summary>
    [Theory]
    [MemberData(nameof(CasesAndModes))]
    public void Output_matches_the_reference(string name, string mode)
    {
        using var module = Load(name, out var input);
        module.train(mode == "train");
        AssertMatches(name, mode, Forward(module, input), Fixture.Value[$"{name}.{mode}"]);
    }

    /// <summary>In training every parameter (A2C2f's gamma, AAttn's positional encoding, …) takes part: each gets a finite, non-zero gradient.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_parameter_gets_a_gradient_in_training(string name)
    {
        using var module = Load(name, out var input);
        module.train();
        using var scope = NewDisposeScope();
        ((nn.Module<Tensor, Tensor>)module).call(input).square().sum().backward();
        foreach (var (parameter, value) in module.named_parameters())
        {
            Assert.True(value.grad is not null, $"{name}: {parameter} has no gradient");
            Assert.True(value.grad.isfinite().all().item<bool>(), $"{name}: {parameter} has a non-finite gradient");
            Assert.True(value.grad.abs().max().item<double>() > 0, $"{name}: {parameter} has a zero gradient");
        }
    }

    /// <summary>Fused (batch norms folded, RepVGGDW re-parameterised), the output is the reference's eval output and the state dict has the reference's fused keys.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Fused_output_matches_the_reference_eval_output(string name)
    {
        using var module = Load(name, out var input);
        module.eval();
        Assert.True(ModuleFusion.Fuse(module) > 0);
        Assert.Empty(module.modules().OfType<TorchSharp.Modules.BatchNorm2d>());
        var fusedKeys = Case(name).GetProperty("fused_keys").EnumerateArray().Select(k => k.GetString()).ToList();
        Assert.Equal(fusedKeys, StateDict.Entries(module).Select(e => e.Name));
        AssertMatches(name, "fused", Forward(module, input), Fixture.Value[$"{name}.eval"]);
    }

    [Fact]
    public void RepVGGDW_fuses_into_one_biased_7x7_depthwise_convolution()
    {
        using var module = Load("RepVGGDW", out var input);
        module.eval();
        var block = (RepVGGDW)module;
        Assert.False(block.IsFused);
        block.Fuse();
        block.Fuse(); // idempotent
        Assert.True(block.IsFused);
        var entries = StateDict.Entries(block);
        Assert.Equal(["conv.weight", "conv.bias"], entries.Select(e => e.Name));
        Assert.Equal([16L, 1, 7, 7], entries[0].Tensor.shape);
        AssertMatches("RepVGGDW", "fused", Forward(block, input), Fixture.Value["RepVGGDW.eval"]);
    }

    /// <summary>The case's module built from the reference's arguments (plus C#-only trailing ones), loaded and in float64.</summary>
    private static nn.Module Load(string name, out Tensor input)
    {
        var meta = Case(name);
        var args = meta.GetProperty("all_args").EnumerateArray().Concat(meta.GetProperty("extra_args").EnumerateArray());
        using var argsDoc = JsonDocument.Parse(JsonSerializer.Serialize(args));
        var module = ReferenceConstructor.Build(meta.GetProperty("module").GetString()!, argsDoc.RootElement, []);
        var prefix = name + ".weights.";
        var weights = Fixture.Value.Tensors.Where(t => t.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(t => (t.Name[prefix.Length..], t.Tensor));
        StateDict.Load(module, weights, $"{FixtureFile} ({name})");
        module.to(ScalarType.Float64);
        input = Fixture.Value[$"{name}.input"].to(ScalarType.Float64);
        return module;
    }

    private static JsonElement Case(string name) =>
        JsonDocument.Parse(Fixture.Value.Metadata[name]).RootElement;

    private static Tensor Forward(nn.Module module, Tensor input)
    {
        using var noGrad = no_grad();
        return ((nn.Module<Tensor, Tensor>)module).call(input);
    }

    private void AssertMatches(string name, string mode, Tensor actual, Tensor expected)
    {
        Assert.Equal(expected.shape, actual.shape);
        Assert.Equal(ScalarType.Float64, actual.dtype);
        double error = (actual - expected).abs().max().item<double>();
        output.WriteLine($"{name} {mode}: max |C# - reference| {error:E2} (|reference| max {expected.abs().max().item<double>():F3})");
        Assert.True(error <= Tolerance, $"{name} {mode}: differs from the reference by {error}");
    }
}
