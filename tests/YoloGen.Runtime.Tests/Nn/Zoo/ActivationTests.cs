using TorchSharp;
using TorchSharp.Modules;
using YoloGen.Nn;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.Nn.Zoo;

/// <summary>
/// The model file's <c>activation:</c> text (Activation.Parse) and Conv's scoped default activation. The numerics of
/// every activation under a Conv are checked against the reference in ModuleParityTests (the Conv.act cases).
/// </summary>
public class ActivationTests
{
    [Theory]
    [InlineData("nn.ReLU()", "nn.ReLU()")]
    [InlineData("torch.nn.ReLU()", "nn.ReLU()")]
    [InlineData("  nn.ReLU( inplace=True )  ", "nn.ReLU()")]
    [InlineData("nn.ReLU(True)", "nn.ReLU()")]
    [InlineData("nn.SiLU()", "nn.SiLU()")]
    [InlineData("nn.Hardswish(inplace=False)", "nn.Hardswish()")]
    [InlineData("nn.LeakyReLU(0.1)", "nn.LeakyReLU(0.1)")]
    [InlineData("nn.LeakyReLU(negative_slope=0.2, inplace=True)", "nn.LeakyReLU(0.2)")]
    [InlineData("nn.LeakyReLU(0.1, True)", "nn.LeakyReLU(0.1)")]
    [InlineData("nn.LeakyReLU()", "nn.LeakyReLU(0.01)")]
    [InlineData("nn.ELU(alpha=0.5)", "nn.ELU(0.5)")]
    [InlineData("nn.GELU(approximate='tanh')", "nn.GELU(approximate='tanh')")]
    [InlineData("nn.GELU(\"none\")", "nn.GELU()")]
    [InlineData("nn.Identity(1, 2)", "nn.Identity()")]
    [InlineData("nn.Mish()", "nn.Mish()")]
    public void Parse_reads_the_model_file_spellings(string text, string canonical)
    {
        var activation = Activation.Parse(text);
        Assert.NotNull(activation);
        Assert.Equal(canonical, activation.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ReLU()")] // the reference evaluates the text with torch.nn imported as nn only
    [InlineData("nn.ReLU")] // a class, not a module: the reference would fail on it
    [InlineData("nn.PReLU()")] // has a weight, which one shared instance per model cannot reproduce
    [InlineData("nn.Swish()")]
    [InlineData("nn.ReLU(0.1)")]
    [InlineData("nn.LeakyReLU(slope=0.1)")]
    [InlineData("nn.LeakyReLU(abc)")]
    [InlineData("nn.LeakyReLU(0.1, 0.2)")]
    [InlineData("nn.GELU(approximate='fast')")]
    [InlineData("nn.ReLU(inplace=1)")]
    [InlineData("nn.ReLU(),")]
    [InlineData("__import__('os').system('x')")]
    public void Parse_returns_null_for_text_it_does_not_know(string text) => Assert.Null(Activation.Parse(text));

    [Fact]
    public void Names_are_exactly_the_classes_Parse_accepts()
    {
        foreach (var name in Activation.Names) Assert.NotNull(Activation.Parse($"nn.{name}()"));
        foreach (var name in new[] { "PReLU", "Softplus", "GLU", "Swish", "Hardtanh" }) Assert.Null(Activation.Parse($"nn.{name}()"));
    }

    [Fact]
    public void Conv_takes_the_scoped_default_and_the_previous_default_comes_back()
    {
        Assert.Same(Activation.SiLU, Conv.CurrentDefaultActivation);
        using (var outer = Conv.DefaultActivation(Activation.ReLU))
        {
            Assert.IsType<ReLU>(ActivationOf(new Conv(2, 2)));
            using (Conv.DefaultActivation(Activation.LeakyReLU(0.1)))
            {
                Assert.IsType<LeakyReLU>(ActivationOf(new Conv(2, 2)));
                Assert.IsType<TorchSharp.Modules.Identity>(ActivationOf(new Conv(2, 2, act: false))); // act false stays identity
            }
            Assert.IsType<ReLU>(ActivationOf(new Conv(2, 2)));
            outer.Dispose();
            outer.Dispose(); // a second dispose changes nothing
            Assert.Same(Activation.SiLU, Conv.CurrentDefaultActivation);
        }
        Assert.Same(Activation.SiLU, Conv.CurrentDefaultActivation);
        Assert.IsType<SiLU>(ActivationOf(new Conv(2, 2)));
    }

    [Fact]
    public void The_default_reaches_nested_Convs_but_not_RepConv_as_in_the_reference()
    {
        using var scope = Conv.DefaultActivation(Activation.Hardswish);
        using var block = new RepNCSPELAN4(8, 8, 8, 4);
        var activations = block.named_modules().Where(m => m.name.EndsWith(".act", StringComparison.Ordinal) || m.name == "act").ToList();
        Assert.Contains(activations, m => m.module is Hardswish);
        Assert.All(activations.Where(m => m.name.EndsWith("cv1.act", StringComparison.Ordinal) && m.name.Contains(".m.")),
            m => Assert.IsType<SiLU>(m.module)); // RepBottleneck.cv1 is the RepConv
        Assert.DoesNotContain(activations, m => m.module is SiLU && !m.name.Contains(".m."));
    }

    [Fact]
    public void The_default_is_per_thread()
    {
        using var scope = Conv.DefaultActivation(Activation.ReLU);
        Type? other = null;
        var thread = new Thread(() => other = ActivationOf(new Conv(2, 2)).GetType());
        thread.Start();
        thread.Join();
        Assert.Equal(typeof(SiLU), other);
        Assert.IsType<ReLU>(ActivationOf(new Conv(2, 2)));
    }

    private static nn.Module ActivationOf(Conv conv) => conv.named_children().Single(c => c.name == "act").module;
}
