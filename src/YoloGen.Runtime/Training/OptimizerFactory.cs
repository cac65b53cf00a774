using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.Training;

/// <summary>The optimizer the recipe settled on, with the values it was built with.</summary>
public sealed record OptimizerChoice(string Name, double Lr, double Momentum, double WeightDecay, double WarmupBiasLr);

/// <summary>
/// Builds the reference recipe's optimizer: three parameter groups — 0: biases (no decay; warmed up from
/// <c>warmup_bias_lr</c>), 1: other weights (decay), 2: normalisation-layer weights (no decay) — with SGD
/// (Nesterov) or AdamW, and the <c>auto</c> rule: SGD(lr 0.01, momentum 0.9) for runs longer than 10,000
/// iterations, otherwise AdamW with a learning rate fitted to the number of classes.
/// </summary>
public static class OptimizerFactory
{
    public static (OptimizerHelper Optimizer, OptimizerChoice Choice) Create(
        nn.Module model, TrainOptions o, int numClasses, long iterations, int batch)
    {
        string name = o.Optimizer;
        double lr = o.Lr0, momentum = o.Momentum, warmupBiasLr = o.WarmupBiasLr;
        if (string.Equals(name, "auto", StringComparison.OrdinalIgnoreCase))
        {
            double lrFit = Math.Round(0.002 * 5 / (4 + numClasses), 6);
            (name, lr, momentum) = iterations > 10000 ? ("SGD", 0.01, 0.9) : ("AdamW", lrFit, 0.9);
            warmupBiasLr = 0.0; // a high bias warm-up start does not suit Adam
        }
        int accumulate = Math.Max((int)Math.Round((double)o.NominalBatch / batch), 1);
        double decay = o.WeightDecay * batch * accumulate / o.NominalBatch;

        var (biases, weights, norms) = Split(model);
        OptimizerHelper optimizer;
        if (string.Equals(name, "SGD", StringComparison.OrdinalIgnoreCase))
        {
            name = "SGD";
            optimizer = optim.SGD(new[]
            {
                new SGD.ParamGroup(biases, lr, momentum, 0.0, 0.0, true, false),
                new SGD.ParamGroup(weights, lr, momentum, 0.0, decay, true, false),
                new SGD.ParamGroup(norms, lr, momentum, 0.0, 0.0, true, false),
            }, lr, momentum, 0.0, 0.0, true, false);
        }
        else if (string.Equals(name, "AdamW", StringComparison.OrdinalIgnoreCase))
        {
            name = "AdamW";
            optimizer = optim.AdamW(new[]
            {
                new AdamW.ParamGroup(biases, new AdamW.Options { LearningRate = lr, beta1 = momentum, beta2 = 0.999, weight_decay = 0.0 }),
                new AdamW.ParamGroup(weights, new AdamW.Options { LearningRate = lr, beta1 = momentum, beta2 = 0.999, weight_decay = decay }),
                new AdamW.ParamGroup(norms, new AdamW.Options { LearningRate = lr, beta1 = momentum, beta2 = 0.999, weight_decay = 0.0 }),
            }, lr, momentum, 0.999, 1e-8, 0.0, false, false);
        }
        else
        {
            throw new ArgumentException($"optimizer '{o.Optimizer}' is not supported; use auto, SGD or AdamW");
        }
        foreach (var g in optimizer.ParamGroups) g.InitialLearningRate = lr;
        return (optimizer, new OptimizerChoice(name, lr, momentum, decay, warmupBiasLr));
    }

    /// <summary>Trainable parameters split as the recipe does: biases, other weights, normalisation weights.</summary>
    public static (List<Parameter> Biases, List<Parameter> Weights, List<Parameter> NormWeights) Split(nn.Module model)
    {
        var biases = new List<Parameter>();
        var weights = new List<Parameter>();
        var norms = new List<Parameter>();
        var seen = new HashSet<IntPtr>();
        foreach (var (_, module) in model.named_modules())
        {
            bool isNorm = module is BatchNorm1d or BatchNorm2d or BatchNorm3d or LayerNorm or GroupNorm or InstanceNorm2d;
            foreach (var (name, p) in module.named_parameters(recurse: false))
            {
                if (!p.requires_grad || !seen.Add(p.Handle)) continue;
                if (name.Contains("bias", StringComparison.Ordinal)) biases.Add(p);
                else if (isNorm) norms.Add(p);
                else weights.Add(p);
            }
        }
        return (biases, weights, norms);
    }
}
