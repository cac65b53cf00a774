using QuickStart;
using QuickStart.Networks;
using YoloGen.Validation;
using static TorchSharp.torch;

// models/shapes.yaml was compiled into ShapesN and ShapesS (namespace QuickStart.Networks, set in QuickStart.csproj)
// by the generator that comes with the YoloGen package.
Console.WriteLine($"networks generated from models/: {string.Join(", ", YoloModels.Names)}");

YoloGen.NativeHeap.RetainFreedMemory();     // reuse freed tensor memory instead of paying page faults (docs/benchmarks.md)
manual_seed(0);
using var network = new ShapesN();           // typed: L0 … L22 are properties, e.g. network.L8 is the Eca block
Console.WriteLine($"{network.ModelName}: {network.LayerInfos.Count} layers, {network.parameters().Sum(p => p.numel()):N0} parameters, strides {string.Join("/", network.Strides)}");
foreach (var layer in network.LayerInfos)
    Console.WriteLine($"  {layer.Index,2} {layer.Module,-9} {layer.ArgsJson}");

using var detector = new ImageDetector(network);
detector.eval();
using var scope = NewDisposeScope();
var images = randint(0, 256, [2, 320, 320, 3], dtype: ScalarType.Byte);

using (inference_mode())
{
    var output = detector.call(images);
    Console.WriteLine($"predictions: [{string.Join(", ", output.Predictions!.shape)}] (x, y, w, h + {network.NumClasses} class scores per anchor)");

    int fused = network.Fuse();
    var fusedOutput = detector.call(images);
    double difference = fusedOutput.Raw.Zip(output.Raw).Max(p => (p.First - p.Second).abs().max().item<float>());
    Console.WriteLine($"fused {fused} convolutions; largest change of a head output: {difference:G3}");

    // Untrained: class scores start near the head's prior (~1e-4), so ask for boxes above 1e-4; they mean nothing yet.
    var detections = NonMaxSuppression.Apply(fusedOutput.Predictions!, NmsSettings.Predict with { Confidence = 1e-4 });
    for (int i = 0; i < detections.Length; i++)
        Console.WriteLine($"image {i}: {detections[i].Count} boxes after non-maximum suppression");
    if (difference > 1e-3) throw new InvalidOperationException("fusion changed the outputs");
}
