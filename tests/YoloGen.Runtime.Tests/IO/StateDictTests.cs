using TorchSharp;
using YoloGen.IO;
using YoloGen.Nn;
using Xunit;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.IO;

public class StateDictTests
{
    [Fact]
    public void Entries_follow_pytorch_order_per_module_params_then_buffers()
    {
        using var conv = new Conv(3, 8, 3);
        Assert.Equal(
            new[] { "conv.weight", "bn.weight", "bn.bias", "bn.running_mean", "bn.running_var", "bn.num_batches_tracked" },
            StateDict.Entries(conv).Select(e => e.Name));
    }

    [Fact]
    public void Strict_load_reports_missing_unexpected_and_mismatched_keys_and_changes_nothing()
    {
        using var module = new Bottleneck(8, 8);
        using var scope = NewDisposeScope();
        var before = StateDict.Entries(module).Select(e => e.Tensor.clone()).ToList();
        var source = StateDict.Entries(module)
            .Where(e => e.Name != "cv2.bn.bias")
            .Select(e => e.Name == "cv1.conv.weight" ? (e.Name, zeros(4, 8, 1, 1)) : (e.Name, ones_like(e.Tensor)))
            .Append(("cv3.conv.weight", zeros(1)))
            .ToList();

        var e = Assert.Throws<WeightsException>(() => StateDict.Load(module, source, "w.safetensors"));

        Assert.StartsWith("w.safetensors:", e.Message);
        Assert.Contains("1 missing from the file: cv2.bn.bias", e.Message);
        Assert.Contains("1 not in the model: cv3.conv.weight", e.Message);
        Assert.Contains("cv1.conv.weight: model [4, 8, 3, 3], file [4, 8, 1, 1]", e.Message);
        Assert.Contains("nothing was loaded", e.Message);
        Assert.All(StateDict.Entries(module).Zip(before), p => Assert.True(p.First.Tensor.equal(p.Second).all().item<bool>()));
    }

    [Fact]
    public void Lenient_load_copies_what_fits_and_reports_the_rest()
    {
        using var module = new Conv(2, 4, 1);
        using var scope = NewDisposeScope();
        var source = new List<(string, Tensor)> { ("conv.weight", full(4, 2, 1, 1, 3f)), ("extra", zeros(1)) };

        var report = StateDict.Load(module, source, "partial", strict: false);

        Assert.Equal(1, report.Loaded);
        Assert.Equal(new[] { "extra" }, report.Unexpected);
        Assert.Equal(5, report.Missing.Count);
        Assert.False(report.IsExact);
        Assert.True(module.Conv2d.weight.eq(3f).all().item<bool>());
    }

    [Fact]
    public void Load_converts_to_the_module_dtype_without_tracking_gradients()
    {
        using var module = new Conv(2, 4, 1);
        using var scope = NewDisposeScope();
        var source = StateDict.Entries(module).Select(e => (e.Name, e.Tensor.dtype == ScalarType.Float32
            ? full(e.Tensor.shape, 0.1, dtype: ScalarType.Float64) : full(e.Tensor.shape, 5L))).ToList();

        var report = StateDict.Load(module, source, "f64");

        Assert.True(report.IsExact);
        var weight = module.Conv2d.weight;
        Assert.Equal(ScalarType.Float32, weight.dtype);
        Assert.True(weight.requires_grad);
        Assert.Null(weight.grad);
        Assert.Equal(0.1f, weight.data<float>()[0]);
        Assert.Equal(5L, module.BatchNorm!.num_batches_tracked!.item<long>());
    }

    [Fact]
    public void Save_then_load_restores_every_tensor_in_order()
    {
        using var folder = new TempFolder();
        using var source = new C3k2(16, 32, 1, true);
        using var target = new C3k2(16, 32, 1, true);
        using (no_grad())
            foreach (var (_, t) in StateDict.Entries(source).Where(e => e.Tensor.is_floating_point())) t.uniform_(-1, 1);
        string path = folder.File("c3k2.safetensors");

        StateDict.SaveFile(source, path, new Dictionary<string, string> { ["module"] = "C3k2" });
        var report = StateDict.LoadFile(target, path);

        Assert.True(report.IsExact, report.ToString());
        Assert.Equal(StateDict.Entries(source).Count, report.Loaded);
        Assert.Equal(StateDict.Entries(source).Select(e => e.Name), SafeTensors.ReadHeader(path).Entries.Select(e => e.Name));
        Assert.All(StateDict.Entries(source).Zip(StateDict.Entries(target)),
            p => Assert.True(p.First.Tensor.equal(p.Second.Tensor).all().item<bool>(), p.First.Name));
    }
}
