using TorchSharp;
using YoloGen.IO;
using YoloGen.Nn;
using Xunit;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.Nn;

/// <summary>SE and SimAM against their defining formulas, evaluated element by element in plain double arithmetic.</summary>
public class AttentionVariantTests
{
    private const int B = 2, C = 32, H = 5, W = 4;

    [Fact]
    public void SE_equals_squeeze_excitation_formula()
    {
        using var se = new SE(C);
        se.to(ScalarType.Float64);
        using var scope = NewDisposeScope();
        var entries = StateDict.Entries(se).ToDictionary(e => e.Name, e => e.Tensor);
        using (no_grad()) { entries["fc.0.weight"].uniform_(-1, 1); entries["fc.2.weight"].uniform_(-1, 1); }
        double[] w1 = entries["fc.0.weight"].data<double>().ToArray(); // [h, C]
        double[] w2 = entries["fc.2.weight"].data<double>().ToArray(); // [C, h]
        int h = (int)entries["fc.0.weight"].shape[0];
        Assert.Equal(C / 16, h);
        var x = randn(new long[] { B, C, H, W }, dtype: ScalarType.Float64);
        double[] xs = x.data<double>().ToArray();

        double[] actual = se.call(x).data<double>().ToArray();

        var expected = new double[xs.Length];
        for (int b = 0; b < B; b++)
        {
            var s = new double[C];
            for (int c = 0; c < C; c++)
            {
                for (int i = 0; i < H * W; i++) s[c] += xs[(b * C + c) * H * W + i];
                s[c] /= H * W;
            }
            var z = new double[h];
            for (int j = 0; j < h; j++)
            {
                for (int c = 0; c < C; c++) z[j] += w1[j * C + c] * s[c];
                z[j] = Math.Max(z[j], 0);
            }
            for (int c = 0; c < C; c++)
            {
                double u = 0;
                for (int j = 0; j < h; j++) u += w2[c * h + j] * z[j];
                double gate = 1 / (1 + Math.Exp(-u));
                for (int i = 0; i < H * W; i++) expected[(b * C + c) * H * W + i] = xs[(b * C + c) * H * W + i] * gate;
            }
        }
        AssertClose(expected, actual, 1e-9);
    }

    [Fact]
    public void SimAM_equals_energy_formula()
    {
        using var simam = new SimAM();
        using var scope = NewDisposeScope();
        var x = randn(new long[] { B, C, H, W }, dtype: ScalarType.Float64);
        double[] xs = x.data<double>().ToArray();

        double[] actual = simam.call(x).data<double>().ToArray();

        var expected = new double[xs.Length];
        const double lambda = 1e-4;
        int n = H * W - 1;
        for (int bc = 0; bc < B * C; bc++)
        {
            var plane = xs.AsSpan(bc * H * W, H * W);
            double mean = 0;
            foreach (double v in plane) mean += v;
            mean /= H * W;
            double sum = 0;
            foreach (double v in plane) sum += (v - mean) * (v - mean);
            double variance = sum / n;
            for (int i = 0; i < H * W; i++)
            {
                double d = (plane[i] - mean) * (plane[i] - mean);
                double e = d / (4 * (variance + lambda)) + 0.5;
                expected[bc * H * W + i] = plane[i] / (1 + Math.Exp(-e));
            }
        }
        AssertClose(expected, actual, 1e-9);
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = expected.Zip(actual).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(worst <= tolerance, $"max difference {worst}");
    }
}
