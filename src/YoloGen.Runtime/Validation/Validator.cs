using System.Diagnostics;
using YoloGen.Data;
using YoloGen.Models;
using YoloGen.Prediction;
using YoloGen.Training.Loss;
using static TorchSharp.torch;

namespace YoloGen.Validation;

/// <summary>
/// The reference's detection validation: eval-mode forward on letterboxed batches, NMS with the validation
/// settings (conf 0.001, IoU 0.7, multi-label, max 300), predictions mapped back to original image pixels and
/// matched against the labels there, then precision, recall, mAP50 and mAP50-95. Optionally the mean loss too.
/// </summary>
public static class Validator
{
    public static ValidationResult Run(
        DetectionModel model, ValLoader loader, DetectionLoss? loss = null, Device? device = null,
        NmsSettings? nms = null, Action<int, int>? progress = null)
    {
        bool wasTraining = model.training;
        model.eval();
        try
        {
            return Run(model.NumClasses, images => model.forward(images), loader, loss, device, nms, progress);
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>Validation of any network (an ONNX Runtime session, say): the same batches, NMS and metrics, without the loss.</summary>
    public static ValidationResult Run(IDetectionNetwork network, ValLoader loader, NmsSettings? nms = null, Action<int, int>? progress = null) =>
        Run(network.NumClasses, images => new DetectionOutput(network.Predict(images), [], network.IsEndToEnd ? [] : null), loader, null, network.Device, nms, progress);

    private static ValidationResult Run(
        int numClasses, Func<Tensor, DetectionOutput> forward, ValLoader loader, DetectionLoss? loss, Device? device,
        NmsSettings? nms, Action<int, int>? progress)
    {
        var watch = Stopwatch.StartNew();
        var stats = new DetectionStats(numClasses);
        double box = 0, cls = 0, dfl = 0;
        int batches = 0, images = 0;
        foreach (var loaded in loader.Batches())
        {
            using var batch = loaded;
            using var scope = NewDisposeScope();
            using var _ = inference_mode();
            var t = batch.ToTensors(device);
            var output = forward(t.Images);
            if (loss is not null)
            {
                using var result = loss.Compute(output.Raw, new DetectionTargets(t.BatchIdx, t.Cls, t.Bboxes), (batch.Height, batch.Width));
                var items = result.Items.cpu().to(ScalarType.Float64).data<double>().ToArray();
                box += items[0];
                cls += items[1];
                dfl += items[2];
            }
            var detections = NonMaxSuppression.Apply(output, nms ?? NmsSettings.Validation); // an end-to-end head's rows skip NMS
            for (int i = 0; i < detections.Length; i++)
            {
                AddImage(stats, detections[i], batch.Infos[i]);
                detections[i].Dispose();
            }
            batches++;
            images += batch.BatchSize;
            progress?.Invoke(batches, loader.BatchCount);
        }
        int n = Math.Max(batches, 1);
        return new ValidationResult(stats.Compute(), stats, box / n, cls / n, dfl / n, images, watch.Elapsed.TotalSeconds);
    }

    /// <summary>Maps one image's detections from the letterboxed canvas back to its pixels and adds them with its labels.</summary>
    private static void AddImage(DetectionStats stats, ImageDetections detections, ValImageInfo info)
    {
        var (boxes, conf, classes) = detections.InSourcePixels(info.Geometry);
        var gt = info.GroundTruth;
        var labelBoxes = new float[4 * gt.Length];
        var labelClasses = new int[gt.Length];
        for (int j = 0; j < gt.Length; j++)
        {
            labelBoxes[4 * j] = gt[j].X1;
            labelBoxes[4 * j + 1] = gt[j].Y1;
            labelBoxes[4 * j + 2] = gt[j].X2;
            labelBoxes[4 * j + 3] = gt[j].Y2;
            labelClasses[j] = gt[j].Cls;
        }
        stats.Add(boxes, conf, classes, labelBoxes, labelClasses);
    }
}
