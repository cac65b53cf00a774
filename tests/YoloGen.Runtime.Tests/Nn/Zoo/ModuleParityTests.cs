using TorchSharp;
using TorchSharp.Modules;
using YoloGen.IO;
using YoloGen.Nn;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.Nn.Zoo;

/// <summary>
/// Every v3/v5/v6/v8/v9 runtime module against the reference's own output on a tiny input (ModuleFixture), in float64:
/// eval mode, train mode (batch statistics) where the module has a batch norm, the train-mode gradient with respect to
/// the input, and after <see cref="ModuleFusion.Fuse"/>, which must leave the eval output unchanged (RepConv's
/// re-parameterisation included).
/// </summary>
public class ModuleParityTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-9;

    public static TheoryData<string> Cases() => new(ModuleFixture.Instance.Cases);

    public static TheoryData<string> CasesWithBatchNorm() =>
        new(ModuleFixture.Instance.Cases.Where(c => ModuleFixture.Instance.Has(c + ".train")));

    [Fact]
    public void Every_fixture_case_has_a_builder_and_every_builder_a_case()
    {
        var cases = ModuleFixture.Instance.Cases;
        Assert.Equal(ModuleFixture.Builders.Keys.Order(StringComparer.Ordinal),
            cases.Where(c => !c.StartsWith("Conv.act", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.True(cases.Count(c => c.StartsWith("Conv.act", StringComparison.Ordinal)) >= 10);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Eval_output_matches_the_reference(string name)
    {
        var fixture = ModuleFixture.Instance;
        using var module = fixture.Build(name);
        using var scope = NewDisposeScope();
        using (no_grad()) AssertClose(name, "eval", fixture.Outputs(name + ".eval"), fixture.Run(name, module));
    }

    [Theory]
    [MemberData(nameof(CasesWithBatchNorm))]
    public void Train_output_matches_the_reference(string name)
    {
        var fixture = ModuleFixture.Instance;
        using var module = fixture.Build(name);
        module.train();
        using var scope = NewDisposeScope();
        AssertClose(name, "train", fixture.Outputs(name + ".train"), fixture.Run(name, module));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Train_mode_input_gradients_match_the_reference_and_every_parameter_learns(string name)
    {
        var fixture = ModuleFixture.Instance;
        using var module = fixture.Build(name);
        module.train();
        using var scope = NewDisposeScope();
        AssertClose(name, "input gradient", fixture.Flattened(name + ".gradin"), fixture.InputGradients(name, module));
        Assert.All(module.named_parameters(), p =>
        {
            Assert.True(p.parameter.grad is { } g && g.abs().max().item<double>() > 0, $"{name}: {p.name} got no gradient");
        });
    }

    [Theory]
    [MemberData(nameof(CasesWithBatchNorm))]
    public void Fused_output_matches_the_reference_and_the_unfused_output(string name)
    {
        var fixture = ModuleFixture.Instance;
        using var module = fixture.Build(name);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var before = fixture.Run(name, module);

        Assert.True(ModuleFusion.Fuse(module) > 0);

        Assert.Empty(module.modules().OfType<BatchNorm2d>());
        Assert.DoesNotContain(StateDict.Entries(module), e => e.Name.Contains("bn.") || e.Name.Contains("conv1.") || e.Name.Contains("conv2."));
        var after = fixture.Run(name, module);
        AssertClose(name, "fused", fixture.Outputs(name + ".fused"), after);
        AssertClose(name, "fused vs unfused", before, after);
    }

    private void AssertClose(string name, string what, Tensor[] expected, Tensor[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].shape, actual[i].shape);
            Assert.Equal(ScalarType.Float64, actual[i].dtype);
            double error = expected[i].numel() == 0 ? 0 : (actual[i] - expected[i]).abs().max().item<double>();
            output.WriteLine($"{name} {what}[{i}]: max |C# - reference| = {error:E2} (max |ref| {expected[i].abs().max().item<double>():G3})");
            Assert.True(error <= Tolerance, $"{name} {what}[{i}] differs from the reference by {error:E2}");
        }
    }
}
