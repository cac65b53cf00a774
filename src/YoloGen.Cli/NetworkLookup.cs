using TorchSharp;
using YoloGen.Export;
using YoloGen.Models;
using YoloGen.Prediction;

namespace YoloGen.Cli;

/// <summary>
/// The network behind <c>predict</c> and <c>val</c>: an .onnx file runs in ONNX Runtime (its metadata names the
/// classes); other weights build the compiled-in model, fused and channels-last, run by TorchSharp or — backend
/// <c>onnx</c> — exported in memory (dynamic size, so the letterbox is the same) and run by ONNX Runtime.
/// </summary>
internal static class NetworkLookup
{
    public const string Torch = "torch", Onnx = "onnx";

    /// <summary>The CPU default: the faster backend at 640 px with 2 threads (docs/benchmarks.md, "ONNX Runtime").</summary>
    public const string DefaultCpuBackend = Onnx;

    public static bool IsOnnxFile(string path) => path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase);

    public static (IDetectionNetwork Network, IReadOnlyList<string> Names, IDisposable Owner) Open(
        string command, string? modelName, string weights, string device, string? backend, ReferenceRules? reference = null)
    {
        if (backend is not null and not (Torch or Onnx))
            throw CliException.Usage($"{command}: --backend must be {Torch} or {Onnx}, got '{backend}'");
        if (IsOnnxFile(weights))
        {
            if (device != "cpu") throw CliException.Usage($"{command}: ONNX models run on the CPU here; --device {device} is not available for {weights}");
            if (backend == Torch) throw CliException.Usage($"{command}: {weights} is an ONNX model; --backend torch needs TorchSharp weights");
            if (modelName is not null) throw CliException.Usage($"{command}: --model does not apply to an ONNX model ({weights} holds its graph)");
            if (!File.Exists(weights)) throw new CliException($"{command}: weights file {weights} does not exist");
            var onnx = new OnnxDetectionNetwork(weights, TorchSharp.torch.get_num_threads());
            return (onnx, onnx.Names, onnx);
        }
        var dev = ModelLookup.Device(command, device);
        var (model, names) = ModelLookup.CreateWithWeights(command, modelName, weights, reference);
        bool chosen = backend is not null;
        backend ??= device == "cpu" ? DefaultCpuBackend : Torch;
        if (backend == Onnx)
        {
            if (device != "cpu") { model.Dispose(); throw CliException.Usage($"{command}: --backend onnx runs on the CPU only"); }
            byte[]? bytes = null;
            try { bytes = OnnxExporter.ToBytes(model, new OnnxExportOptions { Dynamic = true, Names = names }); }
            catch (OnnxExportException e) when (!chosen)
            {
                // The default backend: a network with modules ONNX export does not cover runs on TorchSharp instead.
                _ = e;
            }
            catch (OnnxExportException e)
            {
                model.Dispose();
                throw new CliException($"{command}: --backend onnx: {model.ModelName}: {e.Message}");
            }
            if (bytes is not null)
            {
                model.Dispose();
                var onnx = new OnnxDetectionNetwork(bytes, weights, TorchSharp.torch.get_num_threads());
                return (onnx, names, onnx);
            }
        }
        model.Fuse(); // inference only, as the reference's predictor (AutoBackend, fuse=True)
        model.ToChannelsLast(); // faster convolutions and pooling on CPU (docs/benchmarks.md)
        model.to(dev);
        return (new TorchDetectionNetwork(model, dev), names, model);
    }
}
