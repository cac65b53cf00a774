namespace YoloGen.Validation;

/// <summary>
/// The few NumPy routines the reference's metrics use, with NumPy's arithmetic (summation order, interpolation
/// rules), so that results agree to the last bits rather than merely to rounding.
/// </summary>
internal static class NumpyMath
{
    /// <summary><c>np.linspace(start, stop, num)</c>: start + i·step, the last point exactly <paramref name="stop"/>.</summary>
    public static double[] Linspace(double start, double stop, int num)
    {
        var y = new double[num];
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) y[i] = i * step + start;
        if (num > 1) y[^1] = stop;
        return y;
    }

    /// <summary><c>np.add.reduce</c> of a 1-D double array: first element plus NumPy's pairwise sum of the rest.</summary>
    public static double Sum(ReadOnlySpan<double> a) => a.Length == 0 ? 0.0 : a[0] + PairwiseSum(a[1..]);

    /// <summary><c>np.mean</c>: <see cref="Sum"/> divided by the count.</summary>
    public static double Mean(ReadOnlySpan<double> a) => Sum(a) / a.Length;

    /// <summary>NumPy's pairwise summation (blocks of up to 128 summed with eight interleaved accumulators).</summary>
    private static double PairwiseSum(ReadOnlySpan<double> a)
    {
        int n = a.Length;
        if (n < 8)
        {
            double res = 0.0;
            foreach (double v in a) res += v;
            return res;
        }
        if (n <= 128)
        {
            Span<double> r = stackalloc double[8];
            a[..8].CopyTo(r);
            int i;
            for (i = 8; i < n - n % 8; i += 8)
                for (int k = 0; k < 8; k++) r[k] += a[i + k];
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) res += a[i];
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return PairwiseSum(a[..n2]) + PairwiseSum(a[n2..]);
    }

    /// <summary>
    /// <c>np.interp(x, xp, fp, left, right)</c> for increasing <paramref name="xp"/> (repeats allowed): a query equal to
    /// a knot takes the value at the last knot with that abscissa.
    /// </summary>
    public static double[] Interp(ReadOnlySpan<double> x, ReadOnlySpan<double> xp, ReadOnlySpan<double> fp, double? left = null, double? right = null)
    {
        int n = xp.Length;
        double lval = left ?? fp[0], rval = right ?? fp[n - 1];
        var result = new double[x.Length];
        for (int q = 0; q < x.Length; q++)
        {
            double v = x[q];
            if (double.IsNaN(v)) { result[q] = v; continue; }
            if (n == 1) { result[q] = v < xp[0] ? lval : v > xp[0] ? rval : fp[0]; continue; }
            int j = LastAtOrBelow(xp, v);
            if (j == -1) result[q] = lval;
            else if (j == n) result[q] = rval;
            else if (j == n - 1 || xp[j] == v) result[q] = fp[j];
            else
            {
                double slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
                double r = slope * (v - xp[j]) + fp[j];
                if (double.IsNaN(r))
                {
                    r = slope * (v - xp[j + 1]) + fp[j + 1];
                    if (double.IsNaN(r) && fp[j] == fp[j + 1]) r = fp[j];
                }
                result[q] = r;
            }
        }
        return result;
    }

    /// <summary>−1 below the first knot, n above the last, else the last j with xp[j] ≤ key.</summary>
    private static int LastAtOrBelow(ReadOnlySpan<double> xp, double key)
    {
        int n = xp.Length;
        if (key > xp[n - 1]) return n;
        if (key < xp[0]) return -1;
        int lo = 0, hi = n;
        while (lo < hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            if (key >= xp[mid]) lo = mid + 1; else hi = mid;
        }
        return lo - 1;
    }

    /// <summary><c>np.trapz(y, x)</c>: Σ (x[i+1] − x[i])·(y[i+1] + y[i]) / 2 with NumPy's summation.</summary>
    public static double Trapezoid(ReadOnlySpan<double> y, ReadOnlySpan<double> x)
    {
        if (y.Length < 2) return 0.0;
        var terms = new double[y.Length - 1];
        for (int i = 0; i < terms.Length; i++) terms[i] = (x[i + 1] - x[i]) * (y[i + 1] + y[i]) / 2.0;
        return Sum(terms);
    }

    /// <summary>
    /// The reference's <c>smooth(y, f)</c>: a box filter of round(len·f·2)//2 + 1 points (odd), the series padded at
    /// each end with copies of its end values, so the output has the input's length.
    /// </summary>
    public static double[] Smooth(ReadOnlySpan<double> y, double fraction)
    {
        int nf = (int)Math.Round(y.Length * fraction * 2, MidpointRounding.ToEven) / 2 + 1;
        int pad = nf / 2;
        var padded = new double[y.Length + 2 * pad];
        for (int i = 0; i < pad; i++) { padded[i] = y[0]; padded[^(i + 1)] = y[^1]; }
        y.CopyTo(padded.AsSpan(pad));
        double w = 1.0 / nf;
        var result = new double[padded.Length - nf + 1];
        for (int k = 0; k < result.Length; k++)
        {
            double s = 0;
            for (int m = 0; m < nf; m++) s += padded[k + m] * w;
            result[k] = s;
        }
        return result;
    }

    /// <summary>Index of the first maximum (<c>np.argmax</c>).</summary>
    public static int ArgMax(ReadOnlySpan<double> a)
    {
        int best = 0;
        for (int i = 1; i < a.Length; i++) if (a[i] > a[best]) best = i;
        return best;
    }
}
