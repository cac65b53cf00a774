using YoloGen.Export;

namespace YoloGen.Nn;

/// <summary>
/// ONNX: the decoded eval output (B, 4 + nc, A), as the reference exports it. Each level is decoded where it is made —
/// box branch → DFL → distances to the level's anchor points (computed from the map's shape, so any input size works)
/// → centre, size times the stride; sigmoid of the class branch — and the levels are concatenated along the anchors:
/// the same element-wise arithmetic as <see cref="Decode"/>, without concatenating the raw maps first.
/// </summary>
public partial class Detect : IOnnxExportable
{
    public IReadOnlyList<string> ExportOnnx(OnnxGraph graph, IReadOnlyList<string> inputs)
    {
        if (inputs.Count != Strides.Length)
            throw new OnnxExportException($"Detect expects {Strides.Length} feature maps, got {inputs.Count}");
        if (EndToEnd)
            throw new OnnxExportException($"{GetType().Name} is an end-to-end head (end2end: its eval output is the top {MaxDetections} one-to-one detections); ONNX export covers the decoded one-to-many output of heads without end2end");
        if (cv2 is null || cv3 is null)
            throw new OnnxExportException($"{GetType().Name} was fused without its one-to-many branches (cv2/cv3); export the network before fusing it");
        var levels = new string[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            string box = graph.Export(cv2![i], inputs[i], "cv2." + i);
            string cls = graph.Export(cv3![i], inputs[i], "cv3." + i);
            using var _ = graph.Scope("decode." + i);
            levels[i] = graph.Concat([DecodeBoxes(graph, box, Strides[i]), graph.Sigmoid(graph.Reshape(cls, 0, Nc, -1))], 1);
        }
        return [graph.Concat(levels, 2)];
    }

    /// <summary>(B, 4·reg_max, H, W) box logits → (B, 4, H·W) centre x, centre y, width, height in input pixels.</summary>
    private string DecodeBoxes(OnnxGraph graph, string box, int stride)
    {
        // reg_max 1 has no DFL: the branch predicts the four distances directly.
        string flat = graph.Reshape(box, 0, 4 * RegMax, -1);
        string distances = dfl is null ? flat : graph.Export(dfl, flat, "dfl");
        string points = AnchorPoints(graph, box);
        var ltrb = graph.Split(distances, 1, 2, 2);
        string x1y1 = graph.Sub(points, ltrb[0]);
        string x2y2 = graph.Add(points, ltrb[1]);
        string centre = graph.Div(graph.Add(x1y1, x2y2), graph.FloatScalar(2f));
        string size = graph.Sub(x2y2, x1y1);
        return graph.Mul(graph.Concat([centre, size], 1), graph.FloatScalar(stride));
    }

    /// <summary>The cell centres (x + 0.5, y + 0.5) of a (B, C, H, W) map as (2, H·W), row-major, from its shape.</summary>
    private static string AnchorPoints(OnnxGraph graph, string map)
    {
        string shape = graph.Shape(map);
        string hw = graph.Slice(shape, 2, 4);
        string xs = graph.Expand(graph.Reshape(graph.ArangeFloat(graph.Gather(shape, 3), 0.5f), 1, -1), hw);
        string ys = graph.Expand(graph.Reshape(graph.ArangeFloat(graph.Gather(shape, 2), 0.5f), -1, 1), hw);
        return graph.Concat([graph.Reshape(xs, 1, -1), graph.Reshape(ys, 1, -1)], 0);
    }
}
