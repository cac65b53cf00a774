using YoloGen.Models;
using YoloGen.Nn;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.Prediction;

/// <summary>
/// A detector that cannot be wrong about geometry: it finds the red, green and blue rectangles that
/// <see cref="Data.TestImages"/> paints (class = colour index) in the letterboxed network input itself and emits their
/// boxes in the decoded output layout (B, 4 + 3, 3): one column per class, score 0.9 when the colour is present.
/// Coverage of class c is how much channel c exceeds the other two, so the grey background and the grey padding count
/// as 0 and resampled edges as the fraction they hold; a box's size is the sum of its coverage profile along each axis
/// and its centre the profile's centroid, which keeps sub-pixel accuracy through bilinear resizing. Whatever the
/// predictor or validator then does with the boxes (padding, gains, clipping) is what is under test.
/// </summary>
internal sealed class PaintedBoxDetector : DetectionModel
{
    public const float Score = 0.9f;

    public PaintedBoxDetector() : base("painted", 3)
    {
        Head = new Detect(3, 16, false, [16, 16, 16], [8, 16, 32]); // only for Strides: never called
        Model.Add(0, Head);
    }

    public override Detect Head { get; }

    public override IReadOnlyList<LayerInfo> LayerInfos => [];

    public override DetectionOutput forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        long height = x.shape[2], width = x.shape[3];
        var columns = new List<Tensor>();
        for (int c = 0; c < 3; c++)
        {
            var others = x[.., (c + 1) % 3].maximum(x[.., (c + 2) % 3]);
            var coverage = (x[.., c] - others).clamp(0, 1);                 // (B, H, W)
            var (cx, w) = Profile(coverage.amax([1]), width);                // along x: max over rows
            var (cy, h) = Profile(coverage.amax([2]), height);               // along y: max over columns
            var scores = zeros(x.shape[0], 3, dtype: x.dtype);
            scores[.., c] = w.gt(1).to_type(x.dtype) * Score;
            columns.Add(cat([stack([cx, cy, w, h], 1), scores], 1));         // (B, 7)
        }
        var predictions = stack(columns, 2);                                  // (B, 7, 3)
        return new DetectionOutput(predictions.MoveToOuterDisposeScope(), []);
    }

    /// <summary>Centroid (in pixels, cell centres at i + 0.5) and total of a (B, N) coverage profile.</summary>
    private static (Tensor Centre, Tensor Size) Profile(Tensor profile, long n)
    {
        var size = profile.sum([1]);
        var centres = arange(n, dtype: profile.dtype) + 0.5;
        var centre = (profile * centres).sum([1]) / size.clamp_min(1e-9);
        return (centre, size);
    }
}
