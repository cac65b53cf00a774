namespace YoloGen.Data;

/// <summary>
/// Small deterministic generator (xoshiro256**, seeded through SplitMix64). Streams are derived from a seed
/// and keys such as (epoch, image index), so augmentation results never depend on which thread ran first,
/// and nothing depends on <see cref="Random"/>'s unspecified algorithm.
/// </summary>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;

    public Rng(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>An independent stream for (seed, key1, key2, ...).</summary>
    public static Rng For(long seed, params ReadOnlySpan<long> keys)
    {
        var h = (ulong)seed ^ 0x9E3779B97F4A7C15UL;
        foreach (var k in keys)
        {
            var x = h ^ (ulong)k;
            h = SplitMix(ref x) ^ (h * 0xBF58476D1CE4E5B9UL + 1);
        }
        return new Rng(h);
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [a, b) (the reference's <c>random.uniform</c>).</summary>
    public double Uniform(double a, double b) => a + (b - a) * NextDouble();

    /// <summary>Uniform integer in [0, n), without modulo bias.</summary>
    public int NextInt(int n)
    {
        if (n <= 0)
            throw new ArgumentOutOfRangeException(nameof(n), "n must be positive");
        var limit = ulong.MaxValue - ulong.MaxValue % (ulong)n;
        ulong v;
        do
        {
            v = NextUInt64();
        } while (v >= limit);
        return (int)(v % (ulong)n);
    }

    /// <summary>Uniform integer in [lo, hi] inclusive.</summary>
    public int NextInt(int lo, int hi) => lo + NextInt(hi - lo + 1);

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
