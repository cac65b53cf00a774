using TorchSharp;
using TorchSharp.Modules;
using YoloGen;
using static TorchSharp.torch;

namespace CustomModule;

/// <summary>
/// CBAM (Woo et al., 2018) in the layout Ultralytics uses: channel attention (global average pool, 1×1 conv with
/// bias, sigmoid, scale), then spatial attention (channel-wise mean and max, k×k conv 2→1 without bias, sigmoid,
/// scale). State-dict names: <c>channel_attention.fc.weight/bias</c>, <c>spatial_attention.cv1.weight</c>.
/// </summary>
/// <remarks>
/// <c>[YoloModule("CBAM")]</c> is all the generator needs: the output has the input's channels and resolution
/// (the defaults, <c>ChannelRule.SameAsInput</c> and <c>Stride = 1</c>), <c>c1</c> receives the input channels, and
/// a YAML line gives <c>kernelSize</c> or nothing: <c>[-1, 1, CBAM, [7]]</c>.
/// </remarks>
[YoloModule("CBAM")]
public sealed class Cbam : nn.Module<Tensor, Tensor>
{
    private readonly ChannelAttention channel_attention;
    private readonly SpatialAttention spatial_attention;

    public Cbam(long c1, long kernelSize = 7) : base("CBAM")
    {
        channel_attention = new ChannelAttention(c1);
        spatial_attention = new SpatialAttention(kernelSize);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => spatial_attention.call(channel_attention.call(x));

    private sealed class ChannelAttention : nn.Module<Tensor, Tensor>
    {
        private readonly Conv2d fc;

        public ChannelAttention(long channels) : base("ChannelAttention")
        {
            fc = nn.Conv2d(channels, channels, 1, bias: true);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            using var scope = NewDisposeScope();
            return (x * fc.call(x.mean([2, 3], keepdim: true)).sigmoid()).MoveToOuterDisposeScope();
        }
    }

    private sealed class SpatialAttention : nn.Module<Tensor, Tensor>
    {
        private readonly Conv2d cv1;

        public SpatialAttention(long kernelSize) : base("SpatialAttention")
        {
            if (kernelSize is not (3 or 7)) throw new ArgumentException($"CBAM's spatial kernel must be 3 or 7, got {kernelSize}", nameof(kernelSize));
            cv1 = nn.Conv2d(2, 1, kernelSize, padding: kernelSize / 2, bias: false);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            using var scope = NewDisposeScope();
            var pooled = cat([x.mean([1], keepdim: true), x.amax([1], keepdim: true)], 1);
            return (x * cv1.call(pooled).sigmoid()).MoveToOuterDisposeScope();
        }
    }
}
