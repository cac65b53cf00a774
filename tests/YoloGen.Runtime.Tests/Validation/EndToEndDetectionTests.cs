using TorchSharp;
using YoloGen.IO;
using YoloGen.Models;
using YoloGen.Validation;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.Validation;

/// <summary>
/// An end-to-end network's detections skip NMS: the rows its head already ranked (yolov10n's reference fixture weights),
/// above the confidence threshold, in their order — overlapping boxes of one class included, which NMS would remove.
/// </summary>
public sealed class EndToEndDetectionTests
{
    [Fact]
    public void Rows_above_the_threshold_are_kept_in_order_without_suppression()
    {
        using var scope = NewDisposeScope();
        using var model = YoloModels.Create("yolov10n");
        var zoo = Path.Combine(TestPaths.Reference, "zoo", "fixtures");
        Assert.True(StateDict.LoadFile(model, Path.Combine(zoo, "yolov10n-seed0.weights.safetensors")).IsExact);
        using var io = SafeTensors.Load(Path.Combine(zoo, "yolov10n-seed0.io.safetensors"));
        model.eval();
        using var noGrad = no_grad();
        using var output = model.call(io["input.A"]);
        Assert.True(output.IsEndToEnd);

        var rows = output.Predictions![0];
        double threshold = rows[.., 4].median().item<float>();
        var detections = NonMaxSuppression.Apply(output, NmsSettings.Predict with { Confidence = threshold });

        var expected = rows[rows[.., 4] > threshold];
        Assert.Single(detections);
        Assert.True(detections[0].Count > 0 && detections[0].Count < rows.shape[0]);
        Assert.True(expected.shape.SequenceEqual(detections[0].Rows.shape) && expected.eq(detections[0].Rows).all().item<bool>(), "the kept rows are not the head's rows above the threshold, in order");
        Assert.All(detections[0].Anchors, a => Assert.Equal(-1, a));
        // NMS on the same boxes would have removed some: the end-to-end path must not.
        var b = detections[0].Rows[.., ..4];
        var (x1, y1, x2, y2) = (b[.., 0], b[.., 1], b[.., 2], b[.., 3]);
        var w = (torch.minimum(x2.unsqueeze(1), x2.unsqueeze(0)) - torch.maximum(x1.unsqueeze(1), x1.unsqueeze(0))).clamp_min(0);
        var h = (torch.minimum(y2.unsqueeze(1), y2.unsqueeze(0)) - torch.maximum(y1.unsqueeze(1), y1.unsqueeze(0))).clamp_min(0);
        var area = (x2 - x1) * (y2 - y1);
        var iou = (w * h / (area.unsqueeze(1) + area.unsqueeze(0) - w * h)).triu(1);
        Assert.True(iou.max().item<float>() > 0.7f, "the fixture's rows should include boxes NMS would suppress");
    }
}
