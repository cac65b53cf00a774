using YoloGen.Data;
using Xunit;

namespace YoloGen.Runtime.Tests.Data;

public class BufferPoolTests
{
    [Fact]
    public void Returned_buffers_come_back_by_exact_length_up_to_the_cap()
    {
        var pool = new BufferPool<byte>(keepPerSize: 2);
        var a = pool.Rent(300);
        var b = pool.Rent(300);
        var c = pool.Rent(300);
        Assert.Equal(300, a.Length);
        pool.Return(a);
        pool.Return(b);
        pool.Return(c); // over the cap: dropped

        Assert.NotSame(a, pool.Rent(299));
        var again = new[] { pool.Rent(300), pool.Rent(300), pool.Rent(300) };
        Assert.Contains(again, x => ReferenceEquals(x, a));
        Assert.Contains(again, x => ReferenceEquals(x, b));
        Assert.DoesNotContain(again, x => ReferenceEquals(x, c));
    }
}
