using YoloGen.Data;
using YoloGen.IO;
using YoloGen.Models;
using YoloGen.Validation;
using static TorchSharp.torch;

namespace YoloGen.Prediction;

/// <summary>
/// Runs a network on image files as the reference's predictor does: letterbox to the image size (minimum
/// stride-aligned padding), eval forward without autograd, NMS with the predict settings (conf 0.25, IoU 0.7),
/// boxes mapped back to the original pixels.
/// </summary>
public sealed class Predictor
{
    private readonly DetectionModel _model;
    private readonly IReadOnlyList<string> _names;
    private readonly Device _device;

    public Predictor(DetectionModel model, IReadOnlyList<string>? names = null, int imageSize = 640, NmsSettings? nms = null, Device? device = null)
    {
        _model = model;
        _names = names ?? Enumerable.Range(0, model.NumClasses).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        ImageSize = imageSize;
        Nms = nms ?? NmsSettings.Predict;
        _device = device ?? CPU;
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
        int stride = _model.Strides.Max();
        var (canvas, geometry) = Letterbox.Apply(image, ImageSize, ImageSize, auto: true, stride: stride);
        _model.eval();
        using var scope = NewDisposeScope();
        using var _ = inference_mode();
        var input = ImageTensors.ToTensor(canvas, _device).unsqueeze(0);
        var output = _model.forward(input);
        var detections = NonMaxSuppression.Apply(output.Predictions!, Nms)[0];
        var rows = TensorData.ToArray<float>(detections.Rows.cpu().to(ScalarType.Float32));
        detections.Dispose();
        var result = new List<Detection>(rows.Length / 6);
        for (int j = 0; j < rows.Length / 6; j++)
        {
            var (x1, y1, x2, y2) = geometry.ToSource(rows[6 * j], rows[6 * j + 1], rows[6 * j + 2], rows[6 * j + 3]);
            int cls = (int)rows[6 * j + 5];
            string name = cls < _names.Count ? _names[cls] : cls.ToString(System.Globalization.CultureInfo.InvariantCulture);
            result.Add(new Detection(cls, name, rows[6 * j + 4], (float)x1, (float)y1, (float)x2, (float)y2));
        }
        return result;
    }
}
