using System.Text.Json;
using TorchSharp;
using YoloGen.Nn;

namespace YoloGen.Runtime.Tests;

/// <summary>Builds a standalone runtime module from a golden layer's resolved constructor arguments.</summary>
public static class GoldenLayerFactory
{
    public static torch.nn.Module Build(GoldenLayer layer, int[] strides)
    {
        var a = layer.Args;
        long L(int i) => a[i].GetInt64();
        bool B(int i, bool fallback) => a.GetArrayLength() > i ? a[i].GetBoolean() : fallback;
        double D(int i, double fallback) => a.GetArrayLength() > i ? a[i].GetDouble() : fallback;
        long LOr(int i, long fallback) => a.GetArrayLength() > i ? a[i].GetInt64() : fallback;

        return layer.Module switch
        {
            "Conv" => new Conv(L(0), L(1), LOr(2, 1), LOr(3, 1)),
            "C2f" => new C2f(L(0), L(1), LOr(2, 1), B(3, false), 1, D(4, 0.5)),
            "C3k2" => new C3k2(L(0), L(1), LOr(2, 1), B(3, false), D(4, 0.5)),
            "SPPF" => new SPPF(L(0), L(1), LOr(2, 5), cv1Act: true), // 8.3: SiLU after cv1
            "C2PSA" => new C2PSA(L(0), L(1), LOr(2, 1)),
            "Upsample" => new Upsample(scaleFactor: a[1].GetDouble(), mode: a[2].GetString()!),
            "Concat" => new Concat(L(0)),
            "Detect" => new Detect(L(0), Detect.DefaultRegMax, null, a[1].EnumerateArray().Select(c => c.GetInt64()).ToArray(), strides, boxBias: 1.0), // 8.3: [nc, ch]
            "SE" => new SE(L(0)),
            "SimAM" => new SimAM(),
            _ => throw new NotSupportedException($"layer {layer.Index}: no test factory for {layer.Module}"),
        };
    }
}
