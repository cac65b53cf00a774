namespace YoloGen.Data;

/// <summary>
/// Builds items 0..n−1 on worker threads and yields them in index order. At most <c>prefetch</c> items are
/// claimed but not yet consumed, so memory stays bounded; which thread builds an item never changes the item.
/// Leaving the enumeration early (or disposing it) stops the workers. A worker's exception is rethrown to the
/// consumer at that item's position.
/// </summary>
internal static class OrderedPrefetch
{
    public static IEnumerable<T> Run<T>(int count, Func<int, T> build, int workers, int prefetch, string threadName)
    {
        if (count <= 0)
            yield break;
        if (workers <= 0)
        {
            for (var i = 0; i < count; i++)
                yield return build(i);
            yield break;
        }

        prefetch = Math.Max(prefetch, 1);
        var slots = new TaskCompletionSource<T>[count];
        for (var i = 0; i < count; i++)
            slots[i] = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var permits = new SemaphoreSlim(prefetch, prefetch);
        using var stop = new CancellationTokenSource();
        var next = -1;

        void Work()
        {
            try
            {
                while (true)
                {
                    permits.Wait(stop.Token);
                    var k = Interlocked.Increment(ref next);
                    if (k >= count)
                        return;
                    try
                    {
                        slots[k].TrySetResult(build(k));
                    }
                    catch (Exception e)
                    {
                        slots[k].TrySetException(e);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // consumer left
            }
            catch (ObjectDisposedException)
            {
                // consumer left while waiting
            }
        }

        var threads = new Thread[Math.Min(workers, count)];
        for (var t = 0; t < threads.Length; t++)
        {
            threads[t] = new Thread(Work) { IsBackground = true, Name = $"{threadName}-{t}" };
            threads[t].Start();
        }
        try
        {
            for (var i = 0; i < count; i++)
            {
                var item = slots[i].Task.GetAwaiter().GetResult();
                permits.Release();
                yield return item;
            }
        }
        finally
        {
            stop.Cancel();
            foreach (var t in threads)
                t.Join();
        }
    }
}
