using System.Globalization;
using System.Text.Json;
using YoloGen.Export;
using YoloGen.Prediction;
using static TorchSharp.torch;

namespace YoloGen.Cli.Bench;

/// <summary>
/// ONNX Runtime inference timed like the TorchSharp forward: an ONNX file, or the compiled-in model (seeded weights)
/// exported in memory at the bench's size, run on the same kind of random input with the given intra-op threads.
/// </summary>
internal static class OnnxBench
{
    public static int Run(string modelName, string? file, int imgsz, int batch, int threads, int warmup, int runs, bool json, TextWriter output)
    {
        OnnxDetectionNetwork network;
        if (file is not null)
        {
            if (!File.Exists(file)) throw new CliException($"bench: ONNX file {file} does not exist");
            network = new OnnxDetectionNetwork(file, threads);
        }
        else
        {
            using var model = ModelLookup.Create("bench", modelName);
            var bytes = OnnxExporter.ToBytes(model, new OnnxExportOptions { Height = imgsz, Width = imgsz, Batch = batch });
            network = new OnnxDetectionNetwork(bytes, modelName, threads);
        }
        using (network)
        {
            using var images = rand(batch, 3, imgsz, imgsz);
            var times = RunTimes.Measure(warmup, runs, () =>
            {
                using var scope = NewDisposeScope();
                network.Predict(images);
            });
            if (json)
            {
                output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["median_ms"] = Math.Round(times.Median, 3),
                    ["min_ms"] = Math.Round(times.Min, 3),
                    ["max_ms"] = Math.Round(times.Max, 3),
                    ["runs"] = runs,
                }));
                return 0;
            }
            output.WriteLine($"{modelName} ONNX Runtime {(file is null ? "on the in-memory export" : file)}, {batch}×3×{imgsz}×{imgsz}, {threads} thread{(threads == 1 ? "" : "s")}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  median {times.Median:F1} ms, min {times.Min:F1}, max {times.Max:F1} over {runs} runs after {warmup} warm-up"));
            return 0;
        }
    }
}
