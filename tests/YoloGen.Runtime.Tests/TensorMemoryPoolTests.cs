using System.Runtime.InteropServices;
using TorchSharp;
using Xunit;
using YoloGen.Runtime.Tests.Training;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests;

/// <summary>
/// <see cref="TensorMemoryPool"/> as libtorch's CPU allocator: freed blocks serve the next request of their size,
/// results are bit for bit those of the default allocator, and tensors survive a change of allocator either way.
/// Its effect on a training run's resident memory is a benchmark figure (docs/training.md), not a test. These tests
/// run alone: they install and remove a process-wide allocator and count its hits.
/// </summary>
[Collection(SerialCollection.Name)]
public class TensorMemoryPoolTests
{
    private const int PooledFloats = 300_000; // 1.2 MB: a 2 MB block

    [Fact]
    public void Size_classes_are_the_powers_of_two_that_hold_a_block()
    {
        Assert.Equal((17, 128L << 10), TensorMemoryPool.SizeClass(128 << 10));
        Assert.Equal((18, 256L << 10), TensorMemoryPool.SizeClass((128 << 10) + 1));
        Assert.Equal((21, 2L << 20), TensorMemoryPool.SizeClass(PooledFloats * 4 + 64));
    }

    [Fact]
    public void A_freed_block_serves_the_next_request_of_its_size()
    {
        Assert.True(TensorMemoryPool.Install());
        try
        {
            IntPtr first;
            using (var a = empty(PooledFloats)) first = Address(a);
            var before = TensorMemoryPool.Statistics;
            Assert.True(before.CachedBytes >= 2 << 20);

            using var b = ones(PooledFloats - 1000);
            var after = TensorMemoryPool.Statistics;
            Assert.Equal(first, Address(b));
            Assert.Equal(before.Hits + 1, after.Hits);
            Assert.Equal(before.Misses, after.Misses);
            Assert.Equal(PooledFloats - 1000, b.sum().item<float>());
            Assert.Equal(0, first.ToInt64() % 64); // libtorch's alignment

            using var small = arange(10, dtype: float32); // served by malloc behind the same deleter
            Assert.Equal(45f, small.sum().item<float>());
        }
        finally
        {
            TensorMemoryPool.Uninstall();
        }
    }

    [Fact]
    public void A_training_step_is_bit_identical_with_the_pool()
    {
        var (outputs, gradients) = ConvolutionStep(pooled: false);
        var (pooledOutputs, pooledGradients) = ConvolutionStep(pooled: true);
        Assert.Equal(outputs, pooledOutputs);
        Assert.Equal(gradients, pooledGradients);
    }

    [Fact]
    public void Tensors_survive_a_change_of_allocator()
    {
        Assert.True(TensorMemoryPool.Install());
        var pooled = full(PooledFloats, 3f);
        TensorMemoryPool.Uninstall();
        var plain = full(PooledFloats, 2f);
        Assert.True(TensorMemoryPool.Install());
        try
        {
            using (var sum = pooled + plain) Assert.Equal(5f * PooledFloats, sum.sum().item<float>());
            long cached = TensorMemoryPool.Statistics.CachedBytes;
            pooled.Dispose(); // returns to the pool although allocated before the pool was reinstalled
            Assert.Equal(cached + (2 << 20), TensorMemoryPool.Statistics.CachedBytes);
            plain.Dispose(); // freed by the default allocator's own deleter
            Assert.Equal(cached + (2 << 20), TensorMemoryPool.Statistics.CachedBytes);

            var statistics = TensorMemoryPool.Statistics;
            TensorMemoryPool.ReleaseCached();
            Assert.Equal(0, TensorMemoryPool.Statistics.CachedBytes);
            Assert.Equal(statistics.ReservedBytes - statistics.CachedBytes, TensorMemoryPool.Statistics.ReservedBytes);
        }
        finally
        {
            TensorMemoryPool.Uninstall();
        }
    }

    [DllImport("LibTorchSharp", EntryPoint = "THSTensor_data")]
    private static extern IntPtr TensorData(IntPtr tensor);

    private static IntPtr Address(Tensor t) => TensorData(t.Handle);

    /// <summary>Forward and backward of a convolution with BatchNorm and SiLU, on fixed inputs.</summary>
    private static (float[] Outputs, float[] Gradients) ConvolutionStep(bool pooled)
    {
        if (pooled) Assert.True(TensorMemoryPool.Install());
        try
        {
            using var scope = NewDisposeScope();
            torch.manual_seed(7);
            var conv = nn.Conv2d(8, 16, 3, padding: 1);
            var norm = nn.BatchNorm2d(16);
            var input = randn(4, 8, 64, 64);
            var output = nn.functional.silu(norm.forward(conv.forward(input)));
            output.square().mean().backward();
            return (output.detach().data<float>().ToArray(), conv.weight!.grad!.data<float>().ToArray());
        }
        finally
        {
            TensorMemoryPool.Uninstall();
        }
    }
}
