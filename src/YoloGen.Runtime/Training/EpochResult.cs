using System.Globalization;
using System.Text;

namespace YoloGen.Training;

/// <summary>One row of <c>results.csv</c>: mean training losses, validation metrics and losses, learning rates.</summary>
public sealed record EpochResult(
    int Epoch,
    double TrainBox, double TrainCls, double TrainDfl,
    double Precision, double Recall, double Map50, double Map,
    double ValBox, double ValCls, double ValDfl,
    double Lr0, double Lr1, double Lr2,
    double Seconds)
{
    public static readonly string[] Columns =
    {
        "epoch", "train/box_loss", "train/cls_loss", "train/dfl_loss",
        "metrics/precision(B)", "metrics/recall(B)", "metrics/mAP50(B)", "metrics/mAP50-95(B)",
        "val/box_loss", "val/cls_loss", "val/dfl_loss", "lr/pg0", "lr/pg1", "lr/pg2", "time",
    };

    public double Fitness => 0.1 * Map50 + 0.9 * Map;

    public double[] Values() =>
        [Epoch, TrainBox, TrainCls, TrainDfl, Precision, Recall, Map50, Map, ValBox, ValCls, ValDfl, Lr0, Lr1, Lr2, Seconds];

    public string ToCsvLine()
    {
        var sb = new StringBuilder();
        var v = Values();
        sb.Append(Epoch.ToString(CultureInfo.InvariantCulture));
        for (int i = 1; i < v.Length; i++) sb.Append(',').Append(v[i].ToString("R", CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    public static EpochResult Parse(string line)
    {
        var p = line.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        if (p.Length != Columns.Length) throw new FormatException($"expected {Columns.Length} columns, found {p.Length}");
        return new EpochResult((int)p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13], p[14]);
    }
}
