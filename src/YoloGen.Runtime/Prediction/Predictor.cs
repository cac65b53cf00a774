using YoloGen.Data;
using YoloGen.Models;
using YoloGen.Validation;
using static TorchSharp.torch;

namespace YoloGen.Prediction;

/// <summary>
/// Runs a network on image files as the reference's predictor does: letterbox to the image size (minimum
/// stride-aligned padding; the full size for a network with a fixed input size), eval forward without autograd, NMS
/// with the predict settings (conf 0.25, IoU 0.7), boxes mapped back to the original pixels.
/// </summary>
public sealed class Predictor
{
    private readonly IDetectionNetwork _network;
    private readonly IReadOnlyList<string> _names;

    public Predictor(DetectionModel model, IReadOnlyList<string>? names = null, int imageSize = 640, NmsSettings? nms = null, Device? device = null)
        : this(new TorchDetectionNetwork(model, device), names, imageSize, nms) { }

    /// <summary>A predictor over any network (<see cref="TorchDetectionNetwork"/>, <see cref="OnnxDetectionNetwork"/>); the network is not owned.</summary>
    public Predictor(IDetectionNetwork network, IReadOnlyList<string>? names = null, int imageSize = 640, NmsSettings? nms = null)
    {
        _network = network;
        _names = names ?? Enumerable.Range(0, network.NumClasses).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        ImageSize = imageSize;
        Nms = nms ?? NmsSettings.Predict;
    }

    public int ImageSize { get; }

    public NmsSettings Nms { get; }

    public ImagePrediction Predict(string file)
    {
        var image = ImageCodec.Decode(file);
        return new ImagePrediction(file, image.Width, image.Height, Predict(image));
    }

    public IReadOnlyList<Detection> Predict(RgbImage image)
    {
        var (height, width) = _network.FixedSize ?? (ImageSize, ImageSize);
        var (canvas, geometry) = Letterbox.Apply(image, height, width, auto: _network.FixedSize is null, stride: _network.Stride);
        using var scope = NewDisposeScope();
        using var _ = inference_mode();
        var input = ImageTensors.ToTensor(canvas, _network.Device).unsqueeze(0);
        var predictions = _network.Predict(input);
        var detections = (_network.IsEndToEnd ? NonMaxSuppression.ApplyEndToEnd(predictions, Nms) : NonMaxSuppression.Apply(predictions, Nms))[0];
        var (boxes, scores, classes) = detections.InSourcePixels(geometry);
        detections.Dispose();
        var result = new List<Detection>(scores.Length);
        for (int j = 0; j < scores.Length; j++)
        {
            int cls = classes[j];
            string name = cls < _names.Count ? _names[cls] : cls.ToString(System.Globalization.CultureInfo.InvariantCulture);
            result.Add(new Detection(cls, name, scores[j], boxes[4 * j], boxes[4 * j + 1], boxes[4 * j + 2], boxes[4 * j + 3]));
        }
        return result;
    }
}
