namespace YoloGen.Nn;

/// <summary>Ultralytics <c>C3k</c>: a <see cref="C3"/> whose bottlenecks use k×k kernels on both convolutions.</summary>
public sealed class C3k : C3
{
    public C3k(long c1, long c2, long n = 1, bool shortcut = true, long g = 1, double e = 0.5, long k = 3)
        : base(nameof(C3k), c1, c2, n, e, c => new Bottleneck(c, c, shortcut, g, (k, k), 1.0)) { }
}
