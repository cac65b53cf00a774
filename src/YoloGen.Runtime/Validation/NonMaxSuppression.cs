using YoloGen.Boxes;
using static TorchSharp.torch;

namespace YoloGen.Validation;

/// <summary>
/// Non-maximum suppression of a detection network's decoded output, as the reference's <c>non_max_suppression</c>:
/// confidence filter, best class or every class above the threshold, the best <see cref="NmsSettings.MaxCandidates"/>
/// candidates, class-aware greedy NMS (boxes shifted by class × offset), at most <see cref="NmsSettings.MaxDetections"/>
/// per image. Sorting is stable (ties keep candidate order), as the reference's when it has at most MaxCandidates.
/// </summary>
public static class NonMaxSuppression
{
    /// <summary>
    /// The detections of a network's eval output: NMS over its anchors, or for an end-to-end head (whose rows are final,
    /// (B, 300, 6) in descending score) the reference's <c>end2end</c> path: rows above the confidence threshold, at most
    /// <see cref="NmsSettings.MaxDetections"/>, no suppression. The anchor of such a row is not known (-1).
    /// </summary>
    public static ImageDetections[] Apply(Models.DetectionOutput output, NmsSettings settings) =>
        output.IsEndToEnd ? ApplyEndToEnd(output.Predictions!, settings) : Apply(output.Predictions!, settings);

    /// <param name="rows">(B, K, 6): x1, y1, x2, y2, score, class, in descending score.</param>
    public static ImageDetections[] ApplyEndToEnd(Tensor rows, NmsSettings settings)
    {
        if (rows.dim() != 3 || rows.shape[2] != 6)
            throw new ArgumentException($"end-to-end rows must be (B, K, 6); got [{string.Join(", ", rows.shape)}]");
        var result = new ImageDetections[rows.shape[0]];
        for (long b = 0; b < result.Length; b++)
        {
            using var scope = NewDisposeScope();
            var image = rows[b].detach().cpu();
            var kept = image[image[.., 4] > settings.Confidence];
            if (kept.shape[0] > settings.MaxDetections) kept = kept[..settings.MaxDetections];
            result[b] = new ImageDetections(kept.contiguous().MoveToOuterDisposeScope(), Enumerable.Repeat(-1L, (int)kept.shape[0]).ToArray());
        }
        return result;
    }

    /// <param name="prediction">(B, 4 + nc, N): cx, cy, w, h in pixels, then class scores (float32 or float64).</param>
    public static ImageDetections[] Apply(Tensor prediction, NmsSettings settings)
    {
        if (prediction.dim() != 3 || prediction.shape[1] < 5)
            throw new ArgumentException($"prediction must be (B, 4 + nc, N); got [{string.Join(", ", prediction.shape)}]");
        if (prediction.dtype is not (ScalarType.Float32 or ScalarType.Float64))
            throw new ArgumentException($"prediction must be float32 or float64; got {prediction.dtype}");
        var result = new ImageDetections[prediction.shape[0]];
        for (long b = 0; b < result.Length; b++)
        {
            using var scope = NewDisposeScope();
            var (rows, anchors) = ApplyImage(prediction[b].detach().cpu(), settings);
            result[b] = new ImageDetections(rows.MoveToOuterDisposeScope(), anchors);
        }
        return result;
    }

    /// <param name="x">(4 + nc, N) for one image, on the CPU.</param>
    private static (Tensor Rows, long[] Anchors) ApplyImage(Tensor x, NmsSettings s)
    {
        long nc = x.shape[0] - 4;
        x = x.t();                                                          // (N, 4 + nc)
        var candidates = nonzero(x[.., 4..].amax([1]).gt(s.Confidence)).reshape(-1);
        var selected = x.index_select(0, candidates);
        var boxes = BoxFormat.XywhToXyxy(selected[.., ..4]);
        var scores = selected[.., 4..];

        Tensor anchor, conf, cls, box;
        if (s.MultiLabel && nc > 1)
        {
            var pairs = nonzero(scores.gt(s.Confidence));                   // (anchor, class) row-major
            var (row, col) = (pairs[.., 0], pairs[.., 1]);
            anchor = candidates[row];
            box = boxes[row];
            conf = scores[row, col];
            cls = col;
        }
        else
        {
            var (best, bestClass) = scores.max(1);
            var keep = nonzero(best.gt(s.Confidence)).reshape(-1);
            anchor = candidates[keep];
            box = boxes[keep];
            conf = best[keep];
            cls = bestClass[keep];
        }

        if (anchor.shape[0] == 0) return (zeros(0, 6, dtype: x.dtype), []);
        if (anchor.shape[0] > s.MaxCandidates)
        {
            var (_, byScore) = conf.sort(descending: true, stable: true);
            var top = byScore[..s.MaxCandidates];
            (anchor, box, conf, cls) = (anchor[top], box[top], conf[top], cls[top]);
        }

        var (_, order) = conf.sort(descending: true, stable: true);
        var offset = s.Agnostic ? box : box + (cls.to_type(box.dtype) * s.ClassOffset).unsqueeze(1);
        var groups = !s.Agnostic && Extent(box) < s.ClassOffset ? cls.to_type(ScalarType.Int32).data<int>().ToArray() : null;
        var visit = order.data<long>().ToArray();
        var kept = box.dtype == ScalarType.Float32
            ? GreedyNms.Run<float>(offset.contiguous().data<float>().ToArray(), visit, groups, s.Iou, s.MaxDetections)
            : GreedyNms.Run<double>(offset.contiguous().data<double>().ToArray(), visit, groups, s.Iou, s.MaxDetections);

        var index = tensor(kept.Select(i => (long)i).ToArray(), dtype: ScalarType.Int64);
        var rows = cat([box[index], conf[index].unsqueeze(1), cls[index].to_type(box.dtype).unsqueeze(1)], 1);
        return (rows, anchor[index].data<long>().ToArray());
    }

    /// <summary>Largest coordinate span of the boxes (x and y); below the class offset, classes cannot overlap.</summary>
    private static double Extent(Tensor xyxy)
    {
        var low = xyxy[.., ..2].amin([0]);
        var high = xyxy[.., 2..].amax([0]);
        return (high - low).max().to_type(ScalarType.Float64).item<double>();
    }
}
