using TorchSharp;
using YoloGen.Models;
using YoloGen.Nn;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.Training;

/// <summary>
/// A small detection network written by hand against the same base class generated networks use:
/// three stride-2 convs to stride 8, then 16 and 32, and a Detect head — cheap enough for CI training runs.
/// </summary>
internal sealed class TinyDetector : DetectionModel
{
    private static readonly LayerInfo[] Infos =
    [
        new(0, [-1], 1, "Conv", "[3, 8, 3, 2]", 8, 2, ""),
        new(1, [-1], 1, "Conv", "[8, 16, 3, 2]", 16, 4, ""),
        new(2, [-1], 1, "Conv", "[16, 16, 3, 2]", 16, 8, ""),
        new(3, [-1], 1, "Conv", "[16, 32, 3, 2]", 32, 16, ""),
        new(4, [-1], 1, "Conv", "[32, 32, 3, 2]", 32, 32, ""),
        new(5, [2, 3, 4], 1, "Detect", "[nc, [16, 32, 32]]", null, 32, ""),
    ];

    public TinyDetector(int nc) : base("tiny", nc)
    {
        L0 = new Conv(3, 8, 3, 2);
        L1 = new Conv(8, 16, 3, 2);
        L2 = new Conv(16, 16, 3, 2);
        L3 = new Conv(16, 32, 3, 2);
        L4 = new Conv(32, 32, 3, 2);
        L5 = new Detect(nc, Detect.DefaultRegMax, null, [16, 32, 32], [8, 16, 32]);
        Model.Add(0, L0);
        Model.Add(1, L1);
        Model.Add(2, L2);
        Model.Add(3, L3);
        Model.Add(4, L4);
        Model.Add(5, L5);
    }

    public Conv L0 { get; }
    public Conv L1 { get; }
    public Conv L2 { get; }
    public Conv L3 { get; }
    public Conv L4 { get; }
    public Detect L5 { get; }

    public override Detect Head => L5;

    public override IReadOnlyList<LayerInfo> LayerInfos => Infos;

    public override DetectionOutput forward(Tensor x)
    {
        var x2 = L2.forward(L1.forward(L0.forward(x)));
        var x3 = L3.forward(x2);
        var x4 = L4.forward(x3);
        return L5.forward([x2, x3, x4]);
    }
}
