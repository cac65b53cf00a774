// Builds the network generated from models/yolo11-cbam.yaml at scale n, with the project's own CBAM module
// at layer 9, and runs an eval forward pass on a 384×640 image. Exits with 1 if an output shape is wrong.
using CustomModule;
using CustomModule.Networks;
using YoloGen.IO;
using static TorchSharp.torch;

using var model = new Yolo11nCbam(nc: 80);
model.eval();

Cbam attention = model.L9; // a typed property: the generator knows layer 9 is this project's Cbam
var row = model.LayerInfos[9];
Console.WriteLine($"{model.ModelName}: {model.LayerInfos.Count} layers, {model.parameters().Sum(p => p.numel()):N0} parameters, strides {string.Join(", ", model.Strides)}");
Console.WriteLine($"layer 9: {row.Yaml} -> {row.Module} args {row.ArgsJson}, {row.OutChannels} channels at stride {row.Stride}, {attention.parameters().Sum(p => p.numel()):N0} parameters");
foreach (var (name, tensor) in StateDict.Entries(model).Where(e => e.Name.StartsWith("model.9.", StringComparison.Ordinal)))
    Console.WriteLine($"  {name} [{string.Join(", ", tensor.shape)}]");

const int height = 384, width = 640;
using var scope = NewDisposeScope();
using var noGrad = no_grad();
var output = model.forward(rand(1, 3, height, width));
long anchors = model.Strides.Sum(s => (long)(height / s) * (width / s));
var shape = output.Predictions!.shape;
Console.WriteLine($"forward {height}x{width}: predictions [{string.Join(", ", shape)}], head maps {string.Join(", ", output.Raw.Select(r => "[" + string.Join(", ", r.shape) + "]"))}");

bool ok = shape.SequenceEqual(new long[] { 1, 4 + 80, anchors }) && output.Raw.Length == 3;
Console.WriteLine(ok ? "ok" : $"unexpected output shape (expected [1, 84, {anchors}])");
return ok ? 0 : 1;
