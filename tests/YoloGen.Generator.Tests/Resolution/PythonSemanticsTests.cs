using YoloGen.Generator.Model;
using YoloGen.Generator.Resolution;
using Xunit;

namespace YoloGen.Generator.Tests.Resolution;

/// <summary>
/// The Python behaviour parse_model relies on. Expected values are what CPython 3.11 / PyYAML 6 give
/// (e.g. <c>yaml.safe_load("a: 1e-4")</c> is the string '1e-4'; <c>round(2.5)</c> is 2).
/// </summary>
public sealed class PythonSemanticsTests
{
    [Theory]
    [InlineData("80", "80")]
    [InlineData("0.50", "0.5")]
    [InlineData("1.", "1.0")]
    [InlineData("1e-4", "'1e-4'")]        // YAML 1.1 floats need a dot: a string for PyYAML
    [InlineData("1.0e4", "'1.0e4'")]      // ... and a signed exponent
    [InlineData("1.0e-4", "0.0001")]
    [InlineData("None", "'None'")]        // not YAML null; parse_model's literal_eval makes it None later
    [InlineData("~", "None")]
    [InlineData("null", "None")]
    [InlineData("True", "True")]
    [InlineData("off", "False")]
    [InlineData("0x1F", "31")]
    [InlineData("010", "8")]
    [InlineData("1_000", "1000")]
    [InlineData("1:30", "90")]
    [InlineData("nearest", "'nearest'")]
    public void Plain_scalars_load_as_PyYAML_loads_them(string yaml, string repr)
    {
        var value = PythonValues.FromScalar(new YamlScalar(yaml, IsQuoted: false, default));
        Assert.Equal(repr, PythonValues.Repr(value));
    }

    [Fact]
    public void Quoted_scalars_are_strings() =>
        Assert.Equal(new StringValue("80"), PythonValues.FromScalar(new YamlScalar("80", IsQuoted: true, default)));

    [Theory]
    [InlineData("None", "None")]
    [InlineData("1e-4", "0.0001")]
    [InlineData("-3", "-3")]
    [InlineData("0b101", "5")]
    [InlineData("'x'", "'x'")]
    [InlineData("nearest", "'nearest'")]          // literal_eval raises ValueError: the string stays
    [InlineData("efficientnet-b0", "'efficientnet-b0'")]
    public void String_arguments_go_through_literal_eval(string text, string repr)
    {
        var value = PythonValues.EvaluateArgument(new StringValue(text), nc: 80, out var isNc);
        Assert.False(isNc);
        Assert.Equal(repr, PythonValues.Repr(value));
    }

    [Fact]
    public void The_name_nc_becomes_the_class_count()
    {
        var value = PythonValues.EvaluateArgument(new StringValue("nc"), nc: 20, out var isNc);
        Assert.True(isNc);
        Assert.Equal(new IntValue(20), value);
    }

    [Theory]
    [InlineData(2.0, "2.0")]
    [InlineData(0.25, "0.25")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e-4, "0.0001")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1234567890123456.0, "1234567890123456.0")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(0.0, "0.0")]
    public void Floats_print_as_python_repr(double value, string repr) => Assert.Equal(repr, PythonValues.FloatRepr(value));

    [Theory]
    [InlineData(3, 0.33, 1)]   // round(0.99)
    [InlineData(6, 0.33, 2)]   // round(1.98)
    [InlineData(3, 0.67, 2)]   // round(2.01)
    [InlineData(3, 1.33, 4)]   // round(3.99)
    [InlineData(5, 0.5, 2)]    // round(2.5) == 2: half to even
    [InlineData(7, 0.5, 4)]    // round(3.5) == 4
    [InlineData(2, 0.25, 1)]   // max(round(0.5), 1) == max(0, 1)
    [InlineData(1, 0.25, 1)]   // n == 1 is never scaled
    public void Repeats_scale_with_python_rounding(long n, double depth, long expected) =>
        Assert.Equal(expected, PythonMath.ScaleRepeats(n, depth));

    [Theory]
    [InlineData(64, 1024, 0.25, 16)]
    [InlineData(100, 1024, 0.3, 32)]   // ceil(30 / 8) * 8
    [InlineData(1024, 768, 0.75, 576)] // min(1024, 768) * 0.75
    [InlineData(20, 1024, 0.25, 8)]    // ceil(5 / 8) * 8
    public void Channels_round_up_to_multiples_of_8(double c2, double maxChannels, double width, double expected) =>
        Assert.Equal(expected, PythonMath.ScaleChannels(c2, maxChannels, width));
}
