using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Copies of every buffer of a module (BatchNorm running statistics, batch counters), so that a train-mode forward
/// can run without leaving a trace: take a snapshot, run, <see cref="Restore"/>.
/// </summary>
public sealed class BufferSnapshot : IDisposable
{
    private readonly List<(Tensor Live, Tensor Copy)> _buffers;

    private BufferSnapshot(List<(Tensor, Tensor)> buffers) => _buffers = buffers;

    public static BufferSnapshot Take(nn.Module module)
    {
        using var noGrad = no_grad();
        return new BufferSnapshot(module.named_buffers().Select(b => (b.buffer, b.buffer.clone().DetachFromDisposeScope())).ToList());
    }

    /// <summary>Copies the saved values back into the module's buffers (in place, so references stay valid).</summary>
    public void Restore()
    {
        using var noGrad = no_grad();
        foreach (var (live, copy) in _buffers) live.copy_(copy);
    }

    public void Dispose()
    {
        foreach (var (_, copy) in _buffers) copy.Dispose();
    }
}
