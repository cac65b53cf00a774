using TorchSharp;
using YoloGen.IO;

namespace YoloGen.Runtime.Tests.Nn.Zoo;

/// <summary>
/// Every layer of every model of the 8.4.50 zoo (tests/reference/zoo/json), built standalone by position from the
/// reference's own constructor arguments, has the reference's parameter count and exactly its state dict (names,
/// order, shapes, dtypes). A JSON file added to the folder is covered without code.
/// </summary>
public class ZooLayerStructureTests
{
    /// <summary>The task heads of the segment/pose/OBB/classify work, not yet in the runtime.</summary>
    private static readonly HashSet<string> TaskHeads = ["Segment", "Segment26", "Pose", "Pose26", "OBB", "OBB26", "Classify"];

    public static TheoryData<string, int> Layers()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestPaths.Reference, "zoo", "json"), "*.json").Order(StringComparer.Ordinal))
        {
            var model = GoldenModel.LoadFile(file);
            if (model.Layers.Any(l => TaskHeads.Contains(l.Module))) continue;
            foreach (var layer in model.Layers) data.Add(Path.GetFileNameWithoutExtension(file), layer.Index);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void Layer_matches_reference_state_dict_and_params(string model, int index)
    {
        var golden = GoldenModel.LoadFile(Path.Combine(TestPaths.Reference, "zoo", "json", model + ".json"));
        var layer = golden.Layers[index];
        // parse_model's file-wide legacy rule: the old head unless the file uses C3k2, A2C2f or C2fCIB.
        var legacy = !golden.Layers.Any(l => l.Module is "C3k2" or "A2C2f" or "C2fCIB");
        var extras = new Dictionary<string, object> { ["legacy"] = legacy };
        using var module = layer.Instances == 1
            ? ReferenceConstructor.Build(layer.Module, layer.Args, golden.Strides, extras)
            : torch.nn.Sequential(Enumerable.Range(0, layer.Instances)
                .Select(i => (i.ToString(), (torch.nn.Module<torch.Tensor, torch.Tensor>)ReferenceConstructor.Build(layer.Module, layer.Args, golden.Strides, extras)))
                .ToArray());

        GoldenStateDict.AssertEqual(layer, module);
    }
}
