using TorchSharp;
using TorchSharp.Modules;
using YoloGen.Models;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// Ultralytics <c>Detect</c> head (8.4.50), the base of the head family. Per level i: box branch <c>cv2.i</c> =
/// Conv(x, c2, 3) → Conv(c2, c2, 3) → Conv2d(c2, 4·reg_max, 1) and class branch <c>cv3.i</c>, with
/// c2 = max(16, ch[0]/4, 4·reg_max) and c3 = max(ch[0], min(nc, 100)). The class branch is the depthwise one of
/// YOLO11 (Sequential(DWConv(x, x, 3), Conv(x, c3, 1)) → Sequential(DWConv(c3, c3, 3), Conv(c3, c3, 1)) →
/// Conv2d(c3, nc, 1)) or, for <paramref name="legacy"/> files (v3/v5/v8/v9), Conv(x, c3, 3) → Conv(c3, c3, 3) →
/// Conv2d(c3, nc, 1). <c>dfl</c> integrates the reg_max bins (none when reg_max is 1, as YOLO26). An end-to-end
/// head (<c>end2end</c>) adds one-to-one copies <c>one2one_cv2</c>/<c>one2one_cv3</c> fed detached maps; in eval
/// mode their decoding is reduced to the top 300 (x1, y1, x2, y2, score, class) rows, no NMS needed.
/// </summary>
public partial class Detect : nn.Module<Tensor[], DetectionOutput>, IFusable
{
    /// <summary>DFL bins per box side unless the model file's <c>reg_max</c> says otherwise.</summary>
    public const int DefaultRegMax = 16;

    /// <summary>Rows of an end-to-end head's eval output (the reference's <c>max_det</c>).</summary>
    public const int MaxDetections = 300;

    private ModuleList<Sequential>? cv2;
    private ModuleList<Sequential>? cv3;
    private readonly nn.Module<Tensor, Tensor>? dfl;
    private readonly ModuleList<Sequential>? one2one_cv2;
    private readonly ModuleList<Sequential>? one2one_cv3;
    private readonly AnchorCache anchorCache = new();

    /// <param name="nc">Number of classes.</param>
    /// <param name="regMax">DFL bins per box side (the file's <c>reg_max</c>, 16 unless it says otherwise).</param>
    /// <param name="end2end">Whether the head has the one-to-one branch (the file's <c>end2end</c>; None is false).</param>
    /// <param name="ch">Channels of each input level.</param>
    /// <param name="strides">Stride of each input level (set by the reference after building).</param>
    /// <param name="legacy">The full-convolution class branch of the older families (the file-wide rule).</param>
    /// <param name="boxBias">The box branches' initial bias (<see cref="ReferenceRules.BoxBiasInit"/>).</param>
    public Detect(long nc, long regMax, bool? end2end, long[] ch, int[] strides, bool legacy = false, double boxBias = 2.0)
        : this(nameof(Detect), nc, regMax, end2end ?? false, ch, strides, legacy ? LegacyClassBranch : DepthwiseClassBranch, boxBias) { }

    /// <summary>For heads that change the class branch (<paramref name="classBranch"/>(x, c3, nc) builds level x's).</summary>
    protected Detect(string name, long nc, long regMax, bool end2end, long[] ch, int[] strides,
        Func<long, long, long, Sequential> classBranch, double boxBias) : base(name)
    {
        if (ch.Length == 0) throw new ArgumentException($"{name} needs at least one input level", nameof(ch));
        if (ch.Length != strides.Length)
            throw new ArgumentException($"{name} has {ch.Length} input levels but {strides.Length} strides", nameof(strides));
        if (nc < 1) throw new ArgumentException($"{name} needs at least one class, got {nc}", nameof(nc));
        if (regMax < 1) throw new ArgumentException($"{name} needs reg_max ≥ 1, got {regMax}", nameof(regMax));

        Nc = checked((int)nc);
        RegMax = checked((int)regMax);
        EndToEnd = end2end;
        Strides = (int[])strides.Clone();
        long boxChannels = Math.Max(Math.Max(16, ch[0] / 4), 4 * regMax);
        long clsChannels = Math.Max(ch[0], Math.Min(nc, 100));
        cv2 = BoxBranches(ch, boxChannels, regMax);
        cv3 = new ModuleList<Sequential>(ch.Select(x => classBranch(x, clsChannels, nc)).ToArray());
        dfl = RegMax > 1 ? new DFL(RegMax) : null;
        if (end2end)
        {
            one2one_cv2 = BoxBranches(ch, boxChannels, regMax);
            one2one_cv3 = new ModuleList<Sequential>(ch.Select(x => classBranch(x, clsChannels, nc)).ToArray());
        }
        RegisterComponents();
        InitializeBiases(boxBias);
    }

    /// <summary>Number of classes.</summary>
    public int Nc { get; }

    /// <summary>DFL bins per box side (1: the branch predicts the four distances directly).</summary>
    public int RegMax { get; }

    /// <summary>Whether the head has a one-to-one branch whose eval output needs no NMS.</summary>
    public bool EndToEnd { get; }

    /// <summary>Channels of each raw map: 4·reg_max + nc.</summary>
    public int NumOutputs => 4 * RegMax + Nc;

    /// <summary>Stride of each input level relative to the network input (e.g. 8, 16, 32).</summary>
    public int[] Strides { get; }

    /// <summary>Whether <see cref="Fuse"/> removed the one-to-many branch of an end-to-end head.</summary>
    public bool OneToManyRemoved => cv2 is null;

    public override DetectionOutput forward(Tensor[] x)
    {
        if (x.Length != Strides.Length)
            throw new ArgumentException($"{GetName()} expects {Strides.Length} feature maps, got {x.Length}");
        var raw = cv2 is null ? [] : Maps(x, cv2, cv3!);
        Tensor[]? oneToOne = null;
        if (EndToEnd)
        {
            using var scope = NewDisposeScope();
            var detached = x.Select(t => t.detach()).ToArray(); // the one-to-one branch does not train the backbone
            oneToOne = Maps(detached, one2one_cv2!, one2one_cv3!);
            foreach (var map in oneToOne) map.MoveToOuterDisposeScope();
        }
        if (training) return new DetectionOutput(null, raw, oneToOne);
        if (!EndToEnd) return new DetectionOutput(Decode(raw), raw, null);
        using (NewDisposeScope())
        {
            using var decoded = Decode(oneToOne!, xywh: false);
            return new DetectionOutput(TopK(decoded.permute(0, 2, 1)).MoveToOuterDisposeScope(), raw, oneToOne);
        }
    }

    /// <summary>Per level: the box and class maps concatenated, (B, 4·reg_max + nc, H, W).</summary>
    private static Tensor[] Maps(Tensor[] x, ModuleList<Sequential> box, ModuleList<Sequential> cls)
    {
        var maps = new Tensor[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            using var scope = NewDisposeScope(); // frees both branches' intermediates once the level's map exists
            maps[i] = torch.cat(new[] { box[i].call(x[i]), cls[i].call(x[i]) }, 1).MoveToOuterDisposeScope();
        }
        return maps;
    }

    /// <summary>
    /// Decodes raw per-level maps (B, 4·reg_max + nc, H, W) into (B, 4 + nc, A): the DFL expectation of each side
    /// distance (the distances themselves when reg_max is 1), anchor ± distances → centre and size (or corners when
    /// <paramref name="xywh"/> is false), times the level's stride; sigmoid of the class logits.
    /// </summary>
    public Tensor Decode(IReadOnlyList<Tensor> raw, bool xywh = true)
    {
        using var scope = NewDisposeScope();
        long b = raw[0].shape[0];
        var flat = torch.cat(raw.Select(r => r.reshape(b, NumOutputs, -1)).ToArray(), 2); // reshape: maps may be channels-last
        var (anchorPoints, anchorStrides) = anchorCache.Get(raw, Strides);
        var parts = flat.split(new long[] { 4 * RegMax, Nc }, 1);
        var distances = dfl is null ? parts[0] : dfl.call(parts[0]);
        var boxes = Anchors.DistToBox(distances, anchorPoints.unsqueeze(0), xywh, dim: 1) * anchorStrides;
        return torch.cat(new[] { boxes, parts[1].sigmoid() }, 1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The reference's <c>postprocess</c> of end-to-end heads: (B, A, 4 + nc) → (B, min(300, A), 6). The k anchors with
    /// the highest class score are kept, then the k best (anchor, class) pairs among them, in descending score.
    /// </summary>
    public Tensor TopK(Tensor predictions)
    {
        using var scope = NewDisposeScope();
        long anchors = predictions.shape[1];
        int k = (int)Math.Min(MaxDetections, anchors);
        var parts = predictions.split(new long[] { 4, Nc }, -1);
        var (boxes, scores) = (parts[0], parts[1]);
        var (_, top) = scores.amax(-1).topk(k);
        var anchorIndex = top.unsqueeze(-1);                                             // (B, k, 1)
        var candidates = scores.gather(1, anchorIndex.repeat(1, 1, Nc));                 // (B, k, nc)
        var (best, flatIndex) = candidates.flatten(1).topk(k);                           // (B, k)
        var picked = anchorIndex.squeeze(-1).gather(1, flatIndex.div(Nc, rounding_mode: RoundingMode.floor));
        var cls = flatIndex.remainder(Nc).to(predictions.dtype);
        var keptBoxes = boxes.gather(1, picked.unsqueeze(-1).repeat(1, 1, 4));
        return torch.cat(new[] { keptBoxes, best.unsqueeze(-1), cls.unsqueeze(-1) }, -1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// For inference, as the reference's fuse: an end-to-end head drops its one-to-many branch (the eval output never
    /// reads it; its parameters leave the state dict). Other heads are unchanged.
    /// </summary>
    public void Fuse()
    {
        if (!EndToEnd || cv2 is null) return;
        register_module("cv2", null!);
        register_module("cv3", null!);
        cv2 = cv3 = null; // not disposed here: the fusion pass may still visit their modules; the GC frees them
    }

    private static ModuleList<Sequential> BoxBranches(long[] ch, long c2, long regMax) =>
        new(ch.Select(x => nn.Sequential(new Conv(x, c2, 3), new Conv(c2, c2, 3), nn.Conv2d(c2, 4 * regMax, 1))).ToArray());

    /// <summary>YOLO11's class branch: two depthwise-separable stages, then the 1×1 class convolution.</summary>
    protected static Sequential DepthwiseClassBranch(long x, long c3, long nc) => nn.Sequential(
        nn.Sequential(new DWConv(x, x, 3), new Conv(x, c3, 1)),
        nn.Sequential(new DWConv(c3, c3, 3), new Conv(c3, c3, 1)),
        nn.Conv2d(c3, nc, 1));

    /// <summary>The v3/v5/v8/v9 class branch: two 3×3 convolutions, then the 1×1 class convolution.</summary>
    protected static Sequential LegacyClassBranch(long x, long c3, long nc) => nn.Sequential(
        new Conv(x, c3, 3), new Conv(c3, c3, 3), nn.Conv2d(c3, nc, 1));

    /// <summary>The reference's <c>bias_init</c>: box bias <paramref name="boxBias"/>, class bias log(5 / nc / (640 / s)²), both branches.</summary>
    private void InitializeBiases(double boxBias)
    {
        using var noGrad = no_grad();
        foreach (var (box, cls) in new[] { (cv2, cv3), (one2one_cv2, one2one_cv3) })
        {
            if (box is null || cls is null) continue;
            for (int i = 0; i < Strides.Length; i++)
            {
                ((Conv2d)box[i][2]).bias!.fill_(boxBias);
                ((Conv2d)cls[i][2]).bias!.fill_(Math.Log(5.0 / Nc / Math.Pow(640.0 / Strides[i], 2)));
            }
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
