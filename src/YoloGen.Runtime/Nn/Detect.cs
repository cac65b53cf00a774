using TorchSharp;
using TorchSharp.Modules;
using YoloGen.Models;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>Detect</c> head (YOLO11 layout). Per level i: box branch <c>cv2.i</c> = Conv(x, c2, 3) → Conv(c2, c2, 3)
/// → Conv2d(c2, 4·reg_max, 1); class branch <c>cv3.i</c> = Sequential(DWConv(x, x, 3), Conv(x, c3, 1)) →
/// Sequential(DWConv(c3, c3, 3), Conv(c3, c3, 1)) → Conv2d(c3, nc, 1), with c2 = max(16, ch[0]/4, 4·reg_max) and
/// c3 = max(ch[0], min(nc, 100)); then <c>dfl</c>. Train mode returns the raw per-level maps (B, 4·reg_max + nc, H, W);
/// eval mode also the decoded predictions (B, 4 + nc, A): cx, cy, w, h in input pixels and sigmoid class scores.
/// </summary>
public sealed partial class Detect : nn.Module<Tensor[], DetectionOutput>
{
    public const int DefaultRegMax = 16;

    private readonly ModuleList<Sequential> cv2;
    private readonly ModuleList<Sequential> cv3;
    private readonly DFL dfl;
    private readonly AnchorCache anchorCache = new();

    public Detect(long nc, long[] ch, int[] strides) : base(nameof(Detect))
    {
        if (ch.Length == 0) throw new ArgumentException("Detect needs at least one input level", nameof(ch));
        if (ch.Length != strides.Length)
            throw new ArgumentException($"Detect has {ch.Length} input levels but {strides.Length} strides", nameof(strides));
        if (nc < 1) throw new ArgumentException($"Detect needs at least one class, got {nc}", nameof(nc));

        Nc = checked((int)nc);
        RegMax = DefaultRegMax;
        Strides = (int[])strides.Clone();
        long boxChannels = Math.Max(Math.Max(16, ch[0] / 4), 4 * RegMax);
        long clsChannels = Math.Max(ch[0], Math.Min(nc, 100));
        cv2 = new ModuleList<Sequential>(ch.Select(x => nn.Sequential(
            new Conv(x, boxChannels, 3),
            new Conv(boxChannels, boxChannels, 3),
            nn.Conv2d(boxChannels, 4 * RegMax, 1))).ToArray());
        cv3 = new ModuleList<Sequential>(ch.Select(x => nn.Sequential(
            nn.Sequential(new DWConv(x, x, 3), new Conv(x, clsChannels, 1)),
            nn.Sequential(new DWConv(clsChannels, clsChannels, 3), new Conv(clsChannels, clsChannels, 1)),
            nn.Conv2d(clsChannels, nc, 1))).ToArray());
        dfl = new DFL(RegMax);
        RegisterComponents();
        InitializeBiases();
    }

    /// <summary>Number of classes.</summary>
    public int Nc { get; }

    /// <summary>DFL bins per box side (16).</summary>
    public int RegMax { get; }

    /// <summary>Channels of each raw map: 4·reg_max + nc.</summary>
    public int NumOutputs => 4 * RegMax + Nc;

    /// <summary>Stride of each input level relative to the network input (e.g. 8, 16, 32).</summary>
    public int[] Strides { get; }

    public override DetectionOutput forward(Tensor[] x)
    {
        if (x.Length != Strides.Length)
            throw new ArgumentException($"Detect expects {Strides.Length} feature maps, got {x.Length}");
        var raw = new Tensor[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            using var scope = NewDisposeScope(); // frees both branches' intermediates once the level's map exists
            raw[i] = torch.cat(new[] { cv2[i].call(x[i]), cv3[i].call(x[i]) }, 1).MoveToOuterDisposeScope();
        }
        return training ? new DetectionOutput(null, raw) : new DetectionOutput(Decode(raw), raw);
    }

    /// <summary>
    /// Decodes raw per-level maps (B, 4·reg_max + nc, H, W) into (B, 4 + nc, A): DFL expectation of each side distance,
    /// anchor ± distances → centre and size, times the level's stride; sigmoid of the class logits.
    /// </summary>
    public Tensor Decode(IReadOnlyList<Tensor> raw)
    {
        using var scope = NewDisposeScope();
        long b = raw[0].shape[0];
        var flat = torch.cat(raw.Select(r => r.reshape(b, NumOutputs, -1)).ToArray(), 2); // reshape: maps may be channels-last
        var (anchorPoints, anchorStrides) = anchorCache.Get(raw, Strides);
        var parts = flat.split(new long[] { 4 * RegMax, Nc }, 1);
        var boxes = Anchors.DistToBox(dfl.call(parts[0]), anchorPoints.unsqueeze(0), xywh: true, dim: 1) * anchorStrides;
        return torch.cat(new[] { boxes, parts[1].sigmoid() }, 1).MoveToOuterDisposeScope();
    }

    /// <summary>The reference's <c>bias_init</c>: box branch bias 1.0, class branch bias log(5 / nc / (640 / s)²).</summary>
    private void InitializeBiases()
    {
        using var noGrad = no_grad();
        for (int i = 0; i < Strides.Length; i++)
        {
            ((Conv2d)cv2[i][2]).bias!.fill_(1.0);
            ((Conv2d)cv3[i][2]).bias!.fill_(Math.Log(5.0 / Nc / Math.Pow(640.0 / Strides[i], 2)));
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) anchorCache.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>
    /// Anchors (2, A) and strides (1, A) for the last input geometry, dtype and device. A holder object (not a Tensor
    /// field) so that module registration does not mistake the cache for a buffer.
    /// </summary>
    private sealed class AnchorCache : IDisposable
    {
        private string? key;
        private Tensor? points;
        private Tensor? strides;

        public (Tensor Points, Tensor Strides) Get(IReadOnlyList<Tensor> raw, int[] levelStrides)
        {
            string k = string.Join(";", raw.Select(r => $"{r.shape[2]}x{r.shape[3]}")) + $"|{raw[0].dtype}|{raw[0].device}";
            if (k != key || points is null || strides is null)
            {
                Dispose();
                var (p, s) = Anchors.Make(raw, levelStrides);
                points = p.transpose(0, 1).contiguous().DetachFromDisposeScope();
                strides = s.transpose(0, 1).contiguous().DetachFromDisposeScope();
                p.Dispose();
                s.Dispose();
                key = k;
            }
            return (points, strides!);
        }

        public void Dispose()
        {
            points?.Dispose();
            strides?.Dispose();
            points = strides = null;
            key = null;
        }
    }
}
