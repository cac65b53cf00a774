using System;

namespace YoloGen.Generator.Resolution;

/// <summary>The two numeric rules of <c>parse_model</c>, with Python's semantics.</summary>
internal static class PythonMath
{
    /// <summary>Repeats after depth scaling: <c>max(round(n * depth), 1) if n &gt; 1 else n</c> (Python rounds half to even).</summary>
    public static long ScaleRepeats(long n, double depth) =>
        n > 1 ? Math.Max((long)Math.Round(n * depth, MidpointRounding.ToEven), 1) : n;

    /// <summary><c>make_divisible(min(c2, max_channels) * width, 8)</c>: <c>math.ceil(x / 8) * 8</c>.</summary>
    public static double ScaleChannels(double c2, double maxChannels, double width) =>
        Math.Ceiling(Math.Min(c2, maxChannels) * width / 8) * 8;
}
