using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Models;

/// <summary>
/// A detection output under the names the reference's fixtures use: its nested return value flattened, positions and
/// keys joined by dots after <c>{input}.eval.</c> or <c>{input}.train.</c>. Eval: <c>0</c> the decoded predictions,
/// <c>1.boxes</c> / <c>1.scores</c> the raw maps as (B, 4·reg_max, A) and (B, nc, A) (<c>1.one2many.…</c> and
/// <c>1.one2one.…</c> for end-to-end heads); train: <c>boxes</c> / <c>scores</c> (or <c>one2many.…</c>, <c>one2one.…</c>).
/// </summary>
public static class ReferenceOutputNames
{
    public static IEnumerable<(string Name, Tensor Tensor)> Flatten(DetectionOutput output, string input, bool training, int nc)
    {
        var prefix = input + (training ? ".train." : ".eval.");
        var maps = training ? prefix : prefix + "1.";
        if (!training) yield return (prefix + "0", output.Predictions!);
        if (output.OneToOne is null)
        {
            foreach (var named in BoxesAndScores(output.Raw, maps, nc)) yield return named;
            yield break;
        }
        if (output.Raw.Length > 0)
            foreach (var named in BoxesAndScores(output.Raw, maps + "one2many.", nc)) yield return named;
        foreach (var named in BoxesAndScores(output.OneToOne, maps + "one2one.", nc)) yield return named;
    }

    /// <summary>Per-level maps (B, 4·reg_max + nc, H, W) → boxes (B, 4·reg_max, A) and scores (B, nc, A), levels concatenated.</summary>
    private static IEnumerable<(string, Tensor)> BoxesAndScores(Tensor[] raw, string prefix, int nc)
    {
        long b = raw[0].shape[0], channels = raw[0].shape[1];
        var flat = torch.cat(raw.Select(r => r.reshape(b, channels, -1)).ToArray(), 2);
        yield return (prefix + "boxes", flat[.., ..(int)(channels - nc)]);
        yield return (prefix + "scores", flat[.., (int)(channels - nc)..]);
    }
}
