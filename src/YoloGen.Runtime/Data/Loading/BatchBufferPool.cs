using System.Collections.Concurrent;

namespace YoloGen.Data;

/// <summary>
/// Reuses the large image buffers of batches (several MB each, on the large-object heap) so a long run does
/// not keep allocating them: <see cref="DetectionBatch.Dispose"/> hands a buffer back, the next batch of the
/// same size takes it. Buffers are exact-length; a few per size are kept.
/// </summary>
internal static class BatchBufferPool
{
    private const int KeepPerSize = 8;
    private static readonly ConcurrentDictionary<int, ConcurrentBag<float[]>> Bags = new();

    /// <summary>A buffer of exactly <paramref name="length"/> floats; contents are undefined.</summary>
    public static float[] Rent(int length) =>
        Bags.TryGetValue(length, out var bag) && bag.TryTake(out var buffer) ? buffer : new float[length];

    public static void Return(float[] buffer)
    {
        var bag = Bags.GetOrAdd(buffer.Length, _ => []);
        if (bag.Count < KeepPerSize)
            bag.Add(buffer);
    }
}
