using System.Collections.Concurrent;

namespace YoloGen.Data;

/// <summary>
/// Exact-length arrays kept for reuse. The loader's large buffers (batch tensors of several MB, image planes of
/// hundreds of KB) would otherwise be allocated for every sample, all on the large-object heap, which is only
/// collected by full collections: garbage then piles up between them and the process grows and shrinks by
/// hundreds of MB over a run. Only code that owns a buffer returns it; renting never assumes a return.
/// </summary>
internal sealed class BufferPool<T>(int keepPerSize)
{
    private readonly ConcurrentDictionary<int, ConcurrentBag<T[]>> _bags = new();

    /// <summary>An array of exactly <paramref name="length"/> elements; contents are undefined.</summary>
    public T[] Rent(int length) =>
        _bags.TryGetValue(length, out var bag) && bag.TryTake(out var buffer) ? buffer : new T[length];

    /// <summary>Hands back an array nothing will read or write again.</summary>
    public void Return(T[] buffer)
    {
        var bag = _bags.GetOrAdd(buffer.Length, _ => []);
        if (bag.Count < keepPerSize)
            bag.Add(buffer);
    }
}

/// <summary>The pools of the data pipeline.</summary>
internal static class BufferPools
{
    /// <summary>B·3·H·W float batches: a few in flight (prefetch) per shape.</summary>
    public static readonly BufferPool<float> Batches = new(8);

    /// <summary>RGB pixel planes of augmented samples: a batch's worth per worker in flight.</summary>
    public static readonly BufferPool<byte> Pixels = new(128);
}
