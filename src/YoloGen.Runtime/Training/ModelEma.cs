using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Training;

/// <summary>
/// Exponential moving average of a model's floating-point state (parameters and BatchNorm statistics),
/// with the reference's ramp: decay(u) = decay · (1 − exp(−u / τ)) after u updates, so early updates follow
/// the model closely. The averaged copy is what validation, <c>best</c> and <c>last</c> use.
/// </summary>
public sealed class ModelEma
{
    private readonly (Tensor Ema, Tensor Model)[] _pairs;

    /// <param name="model">The model being trained.</param>
    /// <param name="ema">A second instance of the same network; it receives the model's current state.</param>
    public ModelEma(nn.Module model, nn.Module ema, double decay = 0.9999, double tau = 2000, long updates = 0)
    {
        Ema = ema;
        Decay = decay;
        Tau = tau;
        Updates = updates;
        var source = model.state_dict();
        var target = ema.state_dict();
        _pairs = target
            .Where(kv => kv.Value.is_floating_point())
            .Select(kv => (kv.Value, source.TryGetValue(kv.Key, out var m)
                ? m
                : throw new ArgumentException($"EMA copy has '{kv.Key}', the model does not")))
            .ToArray();
        using (no_grad())
        {
            foreach (var (name, t) in target) t.copy_(source[name]);
        }
        ema.eval();
        foreach (var p in ema.parameters()) p.requires_grad = false;
    }

    public nn.Module Ema { get; }

    public double Decay { get; }

    public double Tau { get; }

    public long Updates { get; private set; }

    public double CurrentDecay => Decay * (1 - Math.Exp(-Updates / Tau));

    public void Update()
    {
        Updates++;
        double d = CurrentDecay;
        using var scope = NewDisposeScope(); // the in-place ops still hand back tensor handles; free them now
        using var _ = no_grad();
        foreach (var (ema, model) in _pairs)
        {
            ema.mul_(d).add_(model, alpha: 1 - d);
        }
    }

    /// <summary>Restores the update count (and with it the decay ramp) when resuming.</summary>
    public void Restore(long updates) => Updates = updates;
}
