using TorchSharp;
using YoloGen.IO;
using YoloGen.Nn;
using Xunit;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.EfficientNet;

/// <summary>
/// MBConv, FusedMBConv and squeeze-excitation in eval mode against their defining formulas, evaluated element by
/// element in plain double arithmetic (convolution with stride, "same" padding and groups; batch norm with its running
/// statistics; SiLU; sigmoid gate; residual), on random weights and statistics. Max |difference| measured 4e-16 /
/// bound 1e-13 (tests/reference/README.md, "Tolerances").
/// </summary>
public class EfficientNetBlockFormulaTests
{
    private const double Bound = 1e-13;

    /// <summary>A (C, H, W) feature map of one image, in doubles.</summary>
    private sealed record Map(int C, int H, int W, double[] V)
    {
        public double this[int c, int y, int x] => V[(c * H + y) * W + x];
    }

    [Theory]
    [InlineData(16, 16, 6, 3, 1)] // expand, depthwise 3×3, residual
    [InlineData(16, 24, 6, 5, 2)] // expand, depthwise 5×5 stride 2, no residual
    [InlineData(16, 16, 1, 3, 1)] // no expansion layer, residual
    public void MBConv_equals_its_formula(int c1, int c2, int expand, int kernel, int stride)
    {
        using var block = new MBConv(c1, c2, expand, kernel, stride, stochasticDepthProb: 0.2, bnEps: 1e-3, bnMomentum: 0.01);
        var p = Randomised(block);
        var x = Input(c1);
        int e = c1 * expand;
        int i = 0;
        var h = x;
        if (expand != 1) h = ConvBnSilu(h, p, $"block.{i++}.", 1, 1, 1, act: true);
        h = ConvBnSilu(h, p, $"block.{i++}.", kernel, stride, e, act: true);
        h = Squeeze(h, p, $"block.{i++}.");
        h = ConvBnSilu(h, p, $"block.{i}.", 1, 1, 1, act: false);
        if (stride == 1 && c1 == c2) h = h with { V = h.V.Zip(x.V, (a, b) => a + b).ToArray() };
        AssertMatches(block, x, h);
    }

    [Theory]
    [InlineData(16, 16, 4, 3, 1)] // expand 3×3 then project, residual
    [InlineData(16, 32, 4, 3, 2)] // stride 2
    [InlineData(16, 16, 1, 3, 1)] // single 3×3 with activation, residual
    public void FusedMBConv_equals_its_formula(int c1, int c2, int expand, int kernel, int stride)
    {
        using var block = new FusedMBConv(c1, c2, expand, kernel, stride, stochasticDepthProb: 0.2, bnEps: 1e-3, bnMomentum: 0.01);
        var p = Randomised(block);
        var x = Input(c1);
        Map h = expand != 1
            ? ConvBnSilu(ConvBnSilu(x, p, "block.0.", kernel, stride, 1, act: true), p, "block.1.", 1, 1, 1, act: false)
            : ConvBnSilu(x, p, "block.0.", kernel, stride, 1, act: true);
        if (stride == 1 && c1 == c2) h = h with { V = h.V.Zip(x.V, (a, b) => a + b).ToArray() };
        AssertMatches(block, x, h);
    }

    private static Map Input(int c)
    {
        using var t = randn(c, 7, 6, dtype: ScalarType.Float64);
        return new Map(c, 7, 6, t.data<double>().ToArray());
    }

    /// <summary>Float64, eval mode, every weight and running statistic random; returns them by state-dict name.</summary>
    private static Dictionary<string, (long[] Shape, double[] Values)> Randomised(nn.Module<Tensor, Tensor> block)
    {
        block.to(ScalarType.Float64);
        block.eval();
        using (no_grad())
        {
            foreach (var (name, t) in StateDict.Entries(block))
            {
                if (name.EndsWith("num_batches_tracked")) continue;
                if (name.EndsWith("running_var")) t.uniform_(0.5, 1.5);
                else t.uniform_(-0.5, 0.5);
            }
        }
        return StateDict.Entries(block).Where(e => !e.Name.EndsWith("num_batches_tracked"))
            .ToDictionary(e => e.Name, e => (e.Tensor.shape, e.Tensor.data<double>().ToArray()));
    }

    /// <summary>Conv (no bias, padding (k − 1) / 2) → BatchNorm (eps 1e-3, running statistics) → SiLU when <paramref name="act"/>.</summary>
    private static Map ConvBnSilu(Map x, Dictionary<string, (long[] Shape, double[] Values)> p, string prefix, int k, int stride, int groups, bool act)
    {
        var y = Conv(x, p[prefix + "0.weight"], null, k, stride, groups);
        var (g, b, mean, variance) = (p[prefix + "1.weight"].Values, p[prefix + "1.bias"].Values, p[prefix + "1.running_mean"].Values, p[prefix + "1.running_var"].Values);
        var v = new double[y.V.Length];
        for (int c = 0; c < y.C; c++)
            for (int j = 0; j < y.H * y.W; j++)
            {
                double z = (y.V[c * y.H * y.W + j] - mean[c]) / Math.Sqrt(variance[c] + 1e-3) * g[c] + b[c];
                v[c * y.H * y.W + j] = act ? z / (1 + Math.Exp(-z)) : z;
            }
        return y with { V = v };
    }

    /// <summary>Mean over H, W → 1×1 conv (bias) → SiLU → 1×1 conv (bias) → sigmoid → channel-wise scale.</summary>
    private static Map Squeeze(Map x, Dictionary<string, (long[] Shape, double[] Values)> p, string prefix)
    {
        var (w1, b1, w2, b2) = (p[prefix + "fc1.weight"], p[prefix + "fc1.bias"].Values, p[prefix + "fc2.weight"].Values, p[prefix + "fc2.bias"].Values);
        int s = (int)w1.Shape[0];
        var mean = new double[x.C];
        for (int c = 0; c < x.C; c++) mean[c] = x.V.Skip(c * x.H * x.W).Take(x.H * x.W).Sum() / (x.H * x.W);
        var z = new double[s];
        for (int j = 0; j < s; j++)
        {
            double u = b1[j];
            for (int c = 0; c < x.C; c++) u += w1.Values[j * x.C + c] * mean[c];
            z[j] = u / (1 + Math.Exp(-u));
        }
        var v = new double[x.V.Length];
        for (int c = 0; c < x.C; c++)
        {
            double u = b2[c];
            for (int j = 0; j < s; j++) u += w2[c * s + j] * z[j];
            double gate = 1 / (1 + Math.Exp(-u));
            for (int j = 0; j < x.H * x.W; j++) v[c * x.H * x.W + j] = x.V[c * x.H * x.W + j] * gate;
        }
        return x with { V = v };
    }

    /// <summary>Cross-correlation with zero padding (k − 1) / 2, stride and groups, as Conv2d defines it.</summary>
    private static Map Conv(Map x, (long[] Shape, double[] Values) w, double[]? bias, int k, int stride, int groups)
    {
        int co = (int)w.Shape[0], ci = x.C / groups, pad = (k - 1) / 2;
        int ho = (x.H + 2 * pad - k) / stride + 1, wo = (x.W + 2 * pad - k) / stride + 1;
        var v = new double[co * ho * wo];
        for (int o = 0; o < co; o++)
        {
            int g = o / (co / groups);
            for (int oy = 0; oy < ho; oy++)
                for (int ox = 0; ox < wo; ox++)
                {
                    double sum = bias?[o] ?? 0;
                    for (int c = 0; c < ci; c++)
                        for (int ky = 0; ky < k; ky++)
                            for (int kx = 0; kx < k; kx++)
                            {
                                int iy = oy * stride + ky - pad, ix = ox * stride + kx - pad;
                                if (iy < 0 || iy >= x.H || ix < 0 || ix >= x.W) continue;
                                sum += w.Values[((o * ci + c) * k + ky) * k + kx] * x[g * ci + c, iy, ix];
                            }
                    v[(o * ho + oy) * wo + ox] = sum;
                }
        }
        return new Map(co, ho, wo, v);
    }

    private static void AssertMatches(nn.Module<Tensor, Tensor> block, Map x, Map expected)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var actual = block.call(tensor(x.V, [1, x.C, x.H, x.W], ScalarType.Float64));
        Assert.Equal(new long[] { 1, expected.C, expected.H, expected.W }, actual.shape);
        double worst = actual.data<double>().ToArray().Zip(expected.V).Max(q => Math.Abs(q.First - q.Second));
        Assert.True(worst <= Bound, $"max difference {worst:E2}");
    }
}
