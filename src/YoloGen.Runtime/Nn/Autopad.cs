namespace YoloGen.Nn;

/// <summary>Ultralytics' <c>autopad</c>: the padding that keeps a stride-1 convolution's output the size of its input.</summary>
public static class Autopad
{
    /// <summary>Returns <paramref name="p"/> when given, else half the dilated kernel size (rounded down).</summary>
    public static long Of(long k, long? p = null, long d = 1)
    {
        if (p is long explicitPadding) return explicitPadding;
        long effective = d > 1 ? d * (k - 1) + 1 : k;
        return effective / 2;
    }
}
