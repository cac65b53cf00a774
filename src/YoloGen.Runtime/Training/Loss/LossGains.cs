namespace YoloGen.Training.Loss;

/// <summary>Weights of the three detection-loss terms (the reference's <c>box</c>, <c>cls</c>, <c>dfl</c> hyperparameters).</summary>
public sealed record LossGains(double Box = 7.5, double Cls = 0.5, double Dfl = 1.5)
{
    public static LossGains Default { get; } = new();
}
