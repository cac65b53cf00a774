using TorchSharp;
using YoloGen.IO;

namespace YoloGen.Runtime.Tests;

/// <summary>A module against a golden layer: its parameter count and exactly its state dict (names, order, shapes, dtypes).</summary>
public static class GoldenStateDict
{
    public static void AssertEqual(GoldenLayer layer, torch.nn.Module module)
    {
        Assert.Equal(layer.Params, module.parameters().Sum(p => p.numel()));
        var actual = StateDict.Entries(module)
            .Select(e => $"{e.Name} [{string.Join(",", e.Tensor.shape)}] {DTypeName(e.Tensor.dtype)}")
            .ToList();
        var expected = layer.StateDict.Select(e => $"{e.Name} [{string.Join(",", e.Shape)}] {e.DType}").ToList();
        Assert.Equal(expected, actual);
    }

    private static string DTypeName(torch.ScalarType t) => t switch
    {
        torch.ScalarType.Float32 => "float32",
        torch.ScalarType.Int64 => "int64",
        _ => t.ToString(),
    };
}
