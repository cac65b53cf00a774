using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// An EfficientNet <c>.features</c> stack (stem, one Sequential of blocks per stage, 1×1 head conv) returning the
/// five maps P1…P5 at strides 2, 4, 8, 16, 32: the last <c>.features</c> index at each stride, P5 being the head conv.
/// Parameter names are torchvision's beneath this module (<c>features.1.0.block.0.0.weight</c>, …).
/// </summary>
public abstract partial class EfficientNetBackbone : nn.Module<Tensor, Tensor[]>
{
    private readonly ModuleList<nn.Module<Tensor, Tensor>> features;
    private readonly int[] _outputIndices;

    private protected EfficientNetBackbone(string name, EfficientNetSpec spec) : base(name)
    {
        Spec = spec;
        double eps = spec.BatchNormEps, momentum = spec.BatchNormMomentum;
        features = new ModuleList<nn.Module<Tensor, Tensor>>();
        features.append(ConvNormActivation.Create(3, spec.StemChannels, 3, 2, 1, true, eps, momentum));
        int blockIndex = 0;
        foreach (var stage in spec.Stages)
        {
            var blocks = new List<(string, nn.Module<Tensor, Tensor>)>();
            for (int j = 0; j < stage.Repeats; j++)
            {
                // Blocks after the first of a stage keep the stage's width and stride 1 (torchvision's copy of the config).
                long c1 = j == 0 ? stage.InChannels : stage.OutChannels;
                long s = j == 0 ? stage.Stride : 1;
                double p = spec.StochasticDepthAt(blockIndex++);
                nn.Module<Tensor, Tensor> b = stage.Fused
                    ? new FusedMBConv(c1, stage.OutChannels, stage.ExpandRatio, stage.Kernel, s, p, eps, momentum)
                    : new MBConv(c1, stage.OutChannels, stage.ExpandRatio, stage.Kernel, s, p, eps, momentum);
                blocks.Add((j.ToString(), b));
            }
            features.append(nn.Sequential(blocks));
        }
        int last = spec.Stages[spec.Stages.Count - 1].OutChannels;
        features.append(ConvNormActivation.Create(last, spec.HeadChannels, 1, 1, 1, true, eps, momentum));
        _outputIndices = spec.OutputFeatureIndices.ToArray();
        OutputChannels = spec.OutputChannels.Select(c => (long)c).ToArray();
        RegisterComponents();
    }

    internal EfficientNetSpec Spec { get; }

    /// <summary>Canonical variant name (<c>efficientnet_b0</c>, <c>efficientnet_v2_s</c>, …).</summary>
    public string Variant => Spec.Variant;

    /// <summary>Extra width multiplier applied on top of the variant's own coefficient.</summary>
    public double WidthMultiple => Spec.WidthMultiple;

    /// <summary>Extra depth multiplier applied on top of the variant's own coefficient.</summary>
    public double DepthMultiple => Spec.DepthMultiple;

    /// <summary>Channels of P1…P5.</summary>
    public IReadOnlyList<long> OutputChannels { get; }

    /// <summary>Strides of P1…P5 (2, 4, 8, 16, 32).</summary>
    public IReadOnlyList<int> OutputStrides => EfficientNetSpec.OutputStrides;

    /// <summary>The <c>.features</c> indices returned as P1…P5.</summary>
    public IReadOnlyList<int> OutputFeatureIndices => _outputIndices;

    public override Tensor[] forward(Tensor input)
    {
        var outputs = new Tensor[_outputIndices.Length];
        using (var scope = NewDisposeScope())
        {
            var x = input;
            int k = 0;
            for (int i = 0; i < features.Count && k < outputs.Length; i++)
            {
                x = features[i].forward(x);
                if (i == _outputIndices[k]) outputs[k++] = x;
            }
            foreach (var o in outputs) o.MoveToOuterDisposeScope();
        }
        return outputs;
    }
}
