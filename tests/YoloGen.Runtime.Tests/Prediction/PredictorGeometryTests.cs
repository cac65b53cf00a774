using YoloGen.Prediction;
using YoloGen.Runtime.Tests.Data;
using Xunit;
using Xunit.Abstractions;

namespace YoloGen.Runtime.Tests.Prediction;

/// <summary>
/// <see cref="Predictor"/> end to end on real geometry: PNG files with painted rectangles, letterboxed to a non-square
/// stride-aligned canvas (downscaled, upscaled, landscape, portrait, odd sizes), boxes found by
/// <see cref="PaintedBoxDetector"/> in that canvas and mapped back to the file's pixels, where they must lie within
/// 0.5 px of the painted rectangles (measured at most 0.15 px; tests/reference/README.md, "Tolerances").
/// </summary>
public sealed class PredictorGeometryTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(150, 90, 128)]  // downscaled, padded top and bottom
    [InlineData(90, 150, 128)]  // portrait: padded left and right
    [InlineData(70, 42, 160)]   // upscaled 2.3×
    [InlineData(333, 199, 256)] // odd sizes, gain 0.769
    public void Boxes_come_back_in_source_pixels_within_half_a_pixel(int width, int height, int imageSize)
    {
        (int Cls, int X1, int Y1, int X2, int Y2)[] rects =
        [
            (0, width / 10, height / 8, width * 4 / 10, height / 2),
            (1, width / 2, height / 5, width * 9 / 10, height * 6 / 10),
            (2, width / 5, height * 7 / 10, width * 7 / 10, height * 9 / 10),
        ];
        TestImages.WriteSample(_dir.Path, "val", "image", width, height, rects);
        using var model = new PaintedBoxDetector();
        var predictor = new Predictor(model, ["red", "green", "blue"], imageSize);

        var prediction = predictor.Predict(_dir.Combine("images", "val", "image.png"));

        Assert.Equal((width, height), (prediction.Width, prediction.Height));
        Assert.Equal([0, 1, 2], prediction.Detections.Select(d => d.Class).Order());
        double worst = 0;
        foreach (var d in prediction.Detections)
        {
            var r = rects.Single(b => b.Cls == d.Class);
            Assert.Equal(new[] { "red", "green", "blue" }[d.Class], d.Name);
            Assert.Equal(PaintedBoxDetector.Score, d.Confidence);
            double error = new[] { d.X1 - r.X1, d.Y1 - r.Y1, d.X2 - r.X2, d.Y2 - r.Y2 }.Max(Math.Abs);
            worst = Math.Max(worst, error);
            Assert.True(error <= 0.5, $"class {d.Class}: ({d.X1}, {d.Y1}, {d.X2}, {d.Y2}) instead of {r}");
        }
        output.WriteLine($"{width}x{height} at {imageSize}: largest corner error {worst:E2} px");
    }
}
