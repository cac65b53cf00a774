namespace YoloGen.Nn;

/// <summary>Ultralytics <c>DWConv</c>: a <see cref="Conv"/> with groups = gcd(c1, c2) (depth-wise when c1 = c2).</summary>
public sealed class DWConv : Conv
{
    public DWConv(long c1, long c2, long k = 1, long s = 1, long d = 1, bool act = true)
        : base(nameof(DWConv), c1, c2, k, s, null, Gcd(c1, c2), d, act) { }

    private static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return Math.Abs(a);
    }
}
