using YoloGen.Data;
using YoloGen.IO;
using YoloGen.Prediction;
using YoloGen.Validation;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.Training;

/// <summary>A network that detects nothing (every class score far below any threshold) must validate and predict cleanly.</summary>
public sealed class SilentModelTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("yologen-silent").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static TinyDetector SilentDetector()
    {
        var model = new TinyDetector(4);
        using (no_grad())
        {
            foreach (var (name, t) in StateDict.Entries(model))
                if (name.Contains(".cv3.", StringComparison.Ordinal) && name.EndsWith(".2.bias", StringComparison.Ordinal)) t.fill_(-60.0);
        }
        return model;
    }

    [Fact]
    public void Validation_with_no_detections_scores_zero_instead_of_failing()
    {
        string yaml = SyntheticDataset.Ensure(Path.Combine(_root, "data"), new SyntheticOptions { TrainImages = 2, ValImages = 5, MinImageSize = 64, MaxImageSize = 96 });
        var config = DatasetConfig.Load(yaml);
        var loader = new ValLoader(DetectionDataset.Load(config, "val"), new LoaderOptions { ImageSize = 64, BatchSize = 2, Workers = 1, Shuffle = false });
        using var model = SilentDetector();

        var result = Validator.Run(model, loader);

        Assert.Equal(5, result.Images);
        Assert.Empty(result.Stats.Confidences);
        Assert.True(result.Stats.LabelClasses.Count > 0);
        Assert.Equal(0.0, result.Metrics.Map50);
        Assert.Equal(0.0, result.Metrics.Map);
    }

    [Fact]
    public void Prediction_with_no_detections_is_an_empty_list()
    {
        using var model = SilentDetector();
        var image = RgbImage.Filled(80, 60, 128);
        Assert.Empty(new Predictor(model, imageSize: 64).Predict(image));
    }

    [Fact]
    public void Empty_tensors_become_empty_arrays()
    {
        using var empty = zeros(0, 6);
        Assert.Empty(TensorData.ToArray<float>(empty));
        using var full = arange(6, dtype: ScalarType.Float32).reshape(2, 3);
        Assert.Equal([0f, 1, 2, 3, 4, 5], TensorData.ToArray<float>(full));
    }
}
