namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>C2fCIB</c> (YOLOv10): a <see cref="C2f"/> of c = c2·e hidden channels whose n blocks are
/// <see cref="CIB"/>(c, c, shortcut, e = 1, lk). <paramref name="g"/> is part of the reference's signature; the blocks take no
/// groups, so it changes nothing.
/// </summary>
public sealed class C2fCIB : C2f
{
    public C2fCIB(long c1, long c2, long n = 1, bool shortcut = false, bool lk = false, long g = 1, double e = 0.5)
        : base(nameof(C2fCIB), c1, c2, n, e, c => new CIB(c, c, shortcut, 1.0, lk)) { }
}
