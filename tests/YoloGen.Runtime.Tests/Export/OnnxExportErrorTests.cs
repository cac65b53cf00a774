using TorchSharp;
using YoloGen.Export;
using YoloGen.Models;
using YoloGen.Prediction;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.Export;

/// <summary>Bad export requests are clear errors and leave an existing file alone; the metadata round-trips through ONNX Runtime.</summary>
public sealed class OnnxExportErrorTests
{
    /// <summary>A module with no ONNX export (as a user's <c>[YoloModule]</c> class that does not implement <see cref="IOnnxExportable"/>).</summary>
    private sealed class Opaque() : nn.Module<Tensor, Tensor>("Opaque")
    {
        public override Tensor forward(Tensor x) => x;
    }

    [Fact]
    public void A_module_without_export_is_an_error_naming_the_layer_and_the_module()
    {
        var graph = new OnnxGraph(17);
        var e = Assert.Throws<OnnxExportException>(() => graph.Layer(7, "Opaque", nn.Sequential(new Opaque()), ["images"]));
        Assert.Equal("layer 7 (Opaque): module Opaque has no ONNX export (a module exports itself by implementing IOnnxExportable)", e.Message);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(22)]
    public void An_unsupported_opset_is_an_error(int opset)
    {
        using var model = new Yolo11n();
        var e = Assert.Throws<OnnxExportException>(() => OnnxExporter.ToBytes(model, new OnnxExportOptions { Opset = opset }));
        Assert.Equal($"opset {opset} is not supported; the exporter writes opsets 13 to 21", e.Message);
    }

    [Fact]
    public void A_failed_export_leaves_the_existing_file_as_it_was()
    {
        using var model = new Yolo11n();
        string path = Path.Combine(Path.GetTempPath(), $"yologen-export-{Guid.NewGuid():N}.onnx");
        File.WriteAllText(path, "earlier export");
        try
        {
            var e = Assert.Throws<OnnxExportException>(() => OnnxExporter.Export(model, path, new OnnxExportOptions { Height = 600 }));
            Assert.Equal("image size 600x640 must be a positive multiple of the model's largest stride 32", e.Message);
            Assert.Equal("earlier export", File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Names_and_sizes_round_trip_through_the_metadata()
    {
        using var model = new Yolo11n(nc: 3);
        string path = Path.Combine(Path.GetTempPath(), $"yologen-export-{Guid.NewGuid():N}.onnx");
        try
        {
            string[] names = ["person", "it's", "say \"hi\""];
            var result = OnnxExporter.Export(model, path, new OnnxExportOptions { Height = 320, Width = 256, Batch = 2, Names = names });
            Assert.Equal(Path.GetFullPath(path), result.Path);
            using var network = new OnnxDetectionNetwork(path, threads: 1);
            Assert.Equal(names, network.Names);
            Assert.Equal((320, 256), network.FixedSize);
            Assert.Equal(2, network.FixedBatch);
            Assert.Equal("[320, 256]", network.Metadata["imgsz"]);
            Assert.Equal("{0: 'person', 1: \"it's\", 2: 'say \"hi\"'}", network.Metadata["names"]);
            Assert.Equal("{'batch': 2, 'dynamic': False, 'half': False, 'opset': 17, 'simplify': False, 'nms': False}", network.Metadata["args"]);
            using var scope = NewDisposeScope();
            Assert.Equal(new long[] { 2, 7, 320 * 256 / 64 + 320 * 256 / 256 + 320 * 256 / 1024 }, network.Predict(torch.rand(2, 3, 320, 256)).shape);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Python_literals_parse_as_the_reference_writes_them()
    {
        var names = Assert.IsType<Dictionary<object, object?>>(PythonLiteral.Parse("{0: 'a', 1: \"b'c\", 2: 'd\\'e'}"));
        Assert.Equal(new object?[] { "a", "b'c", "d'e" }, names.Values);
        Assert.Equal(new object?[] { 640L, 480L }, Assert.IsType<List<object?>>(PythonLiteral.Parse("[640, 480]")));
        var args = Assert.IsType<Dictionary<object, object?>>(PythonLiteral.Parse("{'batch': 1, 'half': False, 'opset': None, 'conf': 0.25}"));
        Assert.Equal(new object?[] { 1L, false, null, 0.25 }, args.Values);
        Assert.Throws<FormatException>(() => PythonLiteral.Parse("{0: 'a'"));
    }
}
