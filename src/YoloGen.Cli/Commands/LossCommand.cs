using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using YoloGen.Cli.Parsing;
using YoloGen.IO;
using YoloGen.Training.Loss;
using static TorchSharp.torch;

namespace YoloGen.Cli.Commands;

/// <summary>
/// <c>yologen loss --input &lt;file.safetensors&gt; [--dtype float32|float64] [--imgsz N] [--nc N] [--json]</c>: the v8
/// detection loss of stored head maps and targets, in the loss fixture's layout — <c>raw.0</c>, <c>raw.1</c>, … (B, 64 + nc,
/// H_i, W_i), <c>batch_idx</c> [M], <c>cls</c> [M] or [M, 1], <c>bboxes</c> [M, 4] normalised cxcywh. Prints total
/// (= (box + cls + dfl) × B) and the gained components, as the reference reports them.
/// Defaults: nc = channels − 64 (16 DFL bins per side); imgsz = 8 × the first (largest) map's height, i.e. stride 8 at
/// the first level. Each level's stride is imgsz / its height.
/// </summary>
public sealed class LossCommand : CliCommand
{
    public sealed record Report(string Dtype, int ImageSize, int NumClasses, int[] Strides, double Total, double Box, double Cls, double Dfl,
        long Foreground, double TargetScoresSum);

    private readonly CliOption<string?> _input;
    private readonly CliOption<string> _dtype;
    private readonly CliOption<int?> _imgsz, _nc;
    private readonly CliOption<bool> _json;

    public LossCommand() : base("loss", "compute the v8 detection loss of stored head maps and targets (the loss fixture's layout)")
    {
        _input = Add(CliOptions.Text("--input", "file", "safetensors file with raw.0, raw.1, … (B, 64 + nc, H, W), batch_idx, cls and bboxes (normalised cxcywh)", required: true));
        _dtype = Add(SharedOptions.Dtype("the loss is computed in"));
        _imgsz = Add(CliOptions.OptionalInt("--imgsz", "pixels", "the image size the maps come from", "8 × the first map's height", min: 1));
        _nc = Add(CliOptions.OptionalInt("--nc", "n", "number of classes", "the maps' channels − 64", min: 1));
        _json = Add(SharedOptions.Json("total, box, cls, dfl and the settings"));
    }

    public override IReadOnlyList<(string, string)> Examples { get; } =
        [("yologen loss --input loss-yolo11n-seed0.safetensors --dtype float64 --json", "the loss of the fixture in float64, as JSON")];

    protected override int Run(ParseResult result, TextWriter output)
    {
        string input = result.GetValue(_input)!;
        var dtype = result.GetValue(_dtype) == "float64" ? ScalarType.Float64 : ScalarType.Float32;
        int? imgsz = result.GetValue(_imgsz);
        int? nc = result.GetValue(_nc);
        bool json = result.GetValue(_json);

        var r = Compute(input, dtype, imgsz, nc);
        if (json) WriteJson(r, output);
        else WriteText(r, output);
        return 0;
    }

    /// <summary>Reads the file and computes the loss; input errors are <see cref="CliException"/>s naming the file.</summary>
    public static Report Compute(string path, ScalarType dtype, int? imageSize = null, int? numClasses = null)
    {
        using var scope = NewDisposeScope();
        using var file = SafeTensors.Load(path);
        var raw = new List<Tensor>();
        while (file.TryGet($"raw.{raw.Count}", out var map)) raw.Add(map);
        if (raw.Count == 0)
            throw new CliException($"loss: {path}: no head maps (tensors raw.0, raw.1, …); it holds {string.Join(", ", file.Names.Take(8))}");
        for (int i = 0; i < raw.Count; i++)
        {
            if (raw[i].dim() != 4 || !raw[i].is_floating_point())
                throw new CliException($"loss: {path}: raw.{i} must be a floating-point [B, C, H, W] tensor, found {raw[i].dtype} [{string.Join(", ", raw[i].shape)}]");
            if (raw[i].shape[0] != raw[0].shape[0] || raw[i].shape[1] != raw[0].shape[1])
                throw new CliException($"loss: {path}: raw.{i} is [{string.Join(", ", raw[i].shape)}] but raw.0 is [{string.Join(", ", raw[0].shape)}] (batch and channels must agree)");
        }

        const int regMax = 16;
        long channels = raw[0].shape[1];
        int nc = numClasses ?? (int)(channels - 4 * regMax);
        if (nc < 1 || channels != 4 * regMax + nc)
            throw new CliException($"loss: {path}: the maps have {channels} channels; with {4 * regMax} box channels that is {channels - 4 * regMax} classes" +
                                   (numClasses is null ? "" : $", not --nc {numClasses}"));

        int size = imageSize ?? (int)raw[0].shape[2] * 8;
        var strides = new int[raw.Count];
        for (int i = 0; i < raw.Count; i++)
        {
            long h = raw[i].shape[2], w = raw[i].shape[3];
            if (size % h != 0 || size % w != 0 || size / h != size / w)
                throw new CliException($"loss: {path}: raw.{i} is {h}×{w}, which does not divide the image size {size} into one stride" +
                                       (imageSize is null ? " (give --imgsz)" : ""));
            strides[i] = (int)(size / h);
        }

        var targets = new DetectionTargets(Required(file, path, "batch_idx"), Required(file, path, "cls"), Required(file, path, "bboxes"));
        if (targets.Boxes.dim() != 2 || targets.Boxes.shape[1] != 4 || targets.Boxes.shape[0] != targets.Count || targets.Classes.numel() != targets.Count)
            throw new CliException($"loss: {path}: targets must be batch_idx [M], cls [M] or [M, 1], bboxes [M, 4]; found [{string.Join(", ", targets.BatchIndex.shape)}], " +
                                   $"[{string.Join(", ", targets.Classes.shape)}], [{string.Join(", ", targets.Boxes.shape)}]");

        DetectionLossResult result;
        try
        {
            using var noGrad = no_grad();
            result = new DetectionLoss(nc, strides, regMax).Compute(raw.Select(m => m.to_type(dtype)).ToList(), targets, (size, size));
        }
        catch (ArgumentException e)
        {
            throw new CliException($"loss: {path}: {e.Message}");
        }
        return new Report(dtype == ScalarType.Float64 ? "float64" : "float32", size, nc, strides,
            result.Total.to_type(ScalarType.Float64).item<double>(),
            result.Items[0].to_type(ScalarType.Float64).item<double>(),
            result.Items[1].to_type(ScalarType.Float64).item<double>(),
            result.Items[2].to_type(ScalarType.Float64).item<double>(),
            result.Assignment.Foreground.sum().item<long>(),
            result.TargetScoresSum.to_type(ScalarType.Float64).item<double>());
    }

    private static Tensor Required(SafeTensorsFile file, string path, string name) =>
        file.TryGet(name, out var t) ? t : throw new CliException($"loss: {path}: missing tensor '{name}'");

    private static void WriteText(Report r, TextWriter o)
    {
        string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        o.WriteLine($"loss ({r.Dtype}, imgsz {r.ImageSize}, nc {r.NumClasses}, strides {string.Join("/", r.Strides)})");
        o.WriteLine($"  total  {F(r.Total)}");
        o.WriteLine($"  box    {F(r.Box)}");
        o.WriteLine($"  cls    {F(r.Cls)}");
        o.WriteLine($"  dfl    {F(r.Dfl)}");
        o.WriteLine($"  foreground anchors {r.Foreground}, target score sum {F(r.TargetScoresSum)}");
    }

    private static void WriteJson(Report r, TextWriter o)
    {
        var doc = new Dictionary<string, object>
        {
            ["total"] = r.Total, ["box"] = r.Box, ["cls"] = r.Cls, ["dfl"] = r.Dfl,
            ["dtype"] = r.Dtype, ["imgsz"] = r.ImageSize, ["nc"] = r.NumClasses, ["strides"] = r.Strides,
        };
        o.WriteLine(JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true }));
    }
}
