using System.Text.RegularExpressions;
using TorchSharp;
using YoloGen.Models;
using YoloGen.Nn;
using Xunit;

namespace YoloGen.Runtime.Tests.Generated;

/// <summary>
/// Every model file in models/ builds at scale n and runs an eval-mode forward at 640×640 and at the non-square
/// 384×640: the decoded output has 4 + nc rows and one column per anchor of the three levels, all finite.
/// </summary>
public sealed class EveryModelForwardTests
{
    /// <summary>The n-scale model of every models/*.yaml (each file has scales n … x).</summary>
    public static TheoryData<string, int, int> Cases()
    {
        var names = ModelFiles.ScaleN();
        var data = new TheoryData<string, int, int>();
        foreach (var name in names)
        {
            data.Add(name, 640, 640);
            data.Add(name, 384, 640);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_in_eval_mode_gives_one_prediction_per_anchor(string name, int height, int width)
    {
        using var scope = torch.NewDisposeScope();
        using var model = YoloModels.Create(name);
        model.eval();
        using var noGrad = torch.no_grad();
        var output = model.forward(torch.rand(1, 3, height, width));

        long anchors = model.Strides.Sum(s => (long)(height / s) * (width / s));
        var levels = model.Strides.Count;
        Assert.Equal(Enumerable.Range(0, levels).Select(i => model.Strides[0] << i), model.Strides); // P3-P5, or P2/P6 variants
        Assert.Equal(model.IsEndToEnd ? new long[] { 1, Math.Min(Detect.MaxDetections, anchors), 6 } : new long[] { 1, 4 + model.NumClasses, anchors }, output.Predictions!.shape);
        Assert.Equal(levels, output.Raw.Length);
        for (int i = 0; i < levels; i++)
            Assert.Equal(new long[] { 1, 4 * model.Head.RegMax + model.NumClasses, height / model.Strides[i], width / model.Strides[i] }, output.Raw[i].shape);
        Assert.True(output.Predictions.isfinite().all().item<bool>(), $"{name} at {height}x{width} has non-finite outputs");
    }
}
