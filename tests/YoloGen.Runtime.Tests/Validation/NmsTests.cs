using YoloGen.Validation;
using Xunit;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.Validation;

/// <summary>Hand-made NMS cases: overlap rule, class separation, caps, ties and empty input.</summary>
public sealed class NmsTests
{
    /// <summary>Builds a (1, 4 + nc, N) prediction from xyxy boxes and per-class score rows.</summary>
    private static Tensor Prediction(float[][] xyxy, float[][] scores)
    {
        int n = xyxy.Length, nc = scores[0].Length;
        var data = new float[(4 + nc) * n];
        for (int i = 0; i < n; i++)
        {
            var b = xyxy[i];
            data[0 * n + i] = (b[0] + b[2]) / 2;
            data[1 * n + i] = (b[1] + b[3]) / 2;
            data[2 * n + i] = b[2] - b[0];
            data[3 * n + i] = b[3] - b[1];
            for (int c = 0; c < nc; c++) data[(4 + c) * n + i] = scores[i][c];
        }
        return tensor(data, [1, 4 + nc, n]);
    }

    private static ImageDetections One(Tensor prediction, NmsSettings s) => NonMaxSuppression.Apply(prediction, s)[0];

    [Fact]
    public void Overlapping_boxes_of_one_class_keep_the_best_and_iou_equal_to_the_threshold_survives()
    {
        var p = Prediction(
            [[0, 0, 10, 10], [1, 0, 11, 10], [0, 0, 10, 5], [50, 50, 60, 60]],
            [[0.6f, 0], [0.9f, 0], [0.5f, 0], [0.4f, 0]]);
        // IoU(box1, box0) = 90/110 = 0.818 > 0.7 → box0 suppressed; IoU(box1, box2) = 45/105 < 0.5.
        var d = One(p, new NmsSettings(0.25, 0.7, MultiLabel: false));
        Assert.Equal([1L, 2, 3], d.Anchors.ToArray());
        Assert.Equal(new float[] { 1, 0, 11, 10, 0.9f, 0 }, d.Rows[0].data<float>().ToArray());

        // IoU(box0, box2) = 50/100 = 0.5 exactly: suppression needs IoU strictly above the threshold.
        var q = Prediction([[0, 0, 10, 10], [0, 0, 10, 5]], [[0.9f, 0], [0.8f, 0]]);
        Assert.Equal(2, One(q, new NmsSettings(0.25, 0.5, MultiLabel: false)).Count);
        Assert.Equal(1, One(q, new NmsSettings(0.25, 0.49, MultiLabel: false)).Count);
    }

    [Fact]
    public void Classes_are_suppressed_separately_unless_agnostic()
    {
        var p = Prediction([[0, 0, 10, 10], [0, 0, 10, 10]], [[0.9f, 0.1f], [0.1f, 0.8f]]);
        var aware = One(p, new NmsSettings(0.25, 0.7, MultiLabel: false));
        Assert.Equal([0L, 1], aware.Anchors.ToArray());
        Assert.Equal(new float[] { 0, 1 }, aware.Rows[.., 5].data<float>().ToArray());
        Assert.Equal(1, One(p, new NmsSettings(0.25, 0.7, MultiLabel: false, Agnostic: true)).Count);
        // An offset smaller than the boxes no longer separates classes: shifted by (1, 1) px they overlap (IoU 81/119).
        Assert.Equal([0L], One(p, new NmsSettings(0.25, 0.6, MultiLabel: false, ClassOffset: 1)).Anchors.ToArray());
    }

    [Fact]
    public void Multi_label_keeps_one_row_per_class_above_the_threshold()
    {
        var p = Prediction([[0, 0, 10, 10], [20, 20, 30, 30]], [[0.9f, 0.5f, 0.0005f], [0.2f, 0.002f, 0.3f]]);
        var d = One(p, new NmsSettings(0.001, 0.7, MultiLabel: true));
        Assert.Equal([0L, 0, 1, 1, 1], d.Anchors.ToArray());
        Assert.Equal(new float[] { 0.9f, 0.5f, 0.3f, 0.2f, 0.002f }, d.Rows[.., 4].data<float>().ToArray());
        Assert.Equal(new float[] { 0, 1, 2, 0, 1 }, d.Rows[.., 5].data<float>().ToArray());
        Assert.Equal(2, One(p, new NmsSettings(0.001, 0.7, MultiLabel: false)).Count);
    }

    [Fact]
    public void Detections_are_capped_and_equal_scores_keep_anchor_order()
    {
        var boxes = Enumerable.Range(0, 20).Select(i => new float[] { 20 * i, 0, 20 * i + 10, 10 }).ToArray();
        var scores = Enumerable.Range(0, 20).Select(i => new[] { i % 2 == 0 ? 0.5f : 0.7f }).ToArray();
        var d = One(Prediction(boxes, scores), new NmsSettings(0.25, 0.7, MultiLabel: false, MaxDetections: 7));
        Assert.Equal([1L, 3, 5, 7, 9, 11, 13], d.Anchors.ToArray());

        // The candidate cap keeps the best scores before suppression.
        var capped = One(Prediction(boxes, scores), new NmsSettings(0.25, 0.7, MultiLabel: false, MaxCandidates: 12));
        Assert.Equal(12, capped.Count);
        Assert.Equal(new long[] { 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 0, 2 }, capped.Anchors.ToArray());
    }

    [Fact]
    public void Nothing_above_the_threshold_gives_an_empty_result_per_image()
    {
        var p = cat([Prediction([[0, 0, 10, 10]], [[0.2f, 0.1f]]), Prediction([[0, 0, 10, 10]], [[0.9f, 0.1f]])], 0);
        var d = NonMaxSuppression.Apply(p, NmsSettings.Predict);
        Assert.Equal(2, d.Length);
        Assert.Equal([0L, 6], d[0].Rows.shape);
        Assert.Equal(1, d[1].Count);
        Assert.Equal(0, NonMaxSuppression.Apply(zeros(1, 6, 0), NmsSettings.Validation)[0].Count);
    }
}
