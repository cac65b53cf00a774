using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using TensorElementType = Microsoft.ML.OnnxRuntime.Tensors.TensorElementType;
using YoloGen.Export;
using static TorchSharp.torch;

namespace YoloGen.Prediction;

/// <summary>
/// An ONNX detection model (exported by YoloGen or by the reference) run by ONNX Runtime on the CPU. Reads the
/// reference's metadata (<c>names</c>, <c>stride</c>, <c>task</c>) and the input's fixed or free dimensions; the
/// output must be (B, 4 + nc, A). The input tensor's memory is handed to the session without a copy.
/// </summary>
public sealed class OnnxDetectionNetwork : IDetectionNetwork
{
    private readonly InferenceSession _session;
    private readonly string _input;
    private readonly string _output;
    private readonly RunOptions _runOptions = new();

    /// <param name="path">The .onnx file.</param>
    /// <param name="threads">Intra-op threads; 0 leaves ONNX Runtime's default (one per core).</param>
    public OnnxDetectionNetwork(string path, int threads = 0)
        : this(File.Exists(path) ? null : throw new OnnxModelException($"{path}: file not found"), path, threads, inMemory: false) { }

    /// <summary>A model held in memory (an export that is run without being written); <paramref name="label"/> names it in messages.</summary>
    public OnnxDetectionNetwork(byte[] model, string label, int threads = 0) : this(model, label, threads, inMemory: true) { }

    private OnnxDetectionNetwork(byte[]? model, string path, int threads, bool inMemory)
    {
        var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        if (threads > 0)
        {
            options.IntraOpNumThreads = threads;
            options.InterOpNumThreads = 1;
        }
        try
        {
            _session = !inMemory || model is null ? new InferenceSession(path, options) : new InferenceSession(model, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new OnnxModelException($"{path}: ONNX Runtime cannot load it: {e.Message}", e);
        }
        finally
        {
            options.Dispose();
        }
        try
        {
            Path = path;
            (_input, FixedBatch, FixedSize) = ReadInput(path);
            _output = ReadOutput(path);
            var metadata = _session.ModelMetadata.CustomMetadataMap;
            Metadata = metadata;
            string task = metadata.TryGetValue("task", out var t) ? t : "detect";
            if (task != "detect") throw new OnnxModelException($"{path}: task '{task}' is not a detection model");
            Names = ReadNames(path, metadata);
            Stride = metadata.TryGetValue("stride", out var s) && int.TryParse(s, out var stride) && stride > 0 ? stride : 32;
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    public string Path { get; }

    /// <summary>Class names from the <c>names</c> metadata ("0", "1", … when absent, from the output's channels).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The custom metadata properties as stored.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    public int NumClasses => Names.Count;

    public int Stride { get; }

    public (int Height, int Width)? FixedSize { get; }

    public int? FixedBatch { get; }

    public Device Device => CPU;

    public unsafe Tensor Predict(Tensor images)
    {
        using var input = images.to(ScalarType.Float32).cpu().contiguous();
        long[] shape = input.shape;
        if (FixedSize is { } size && (shape[2] != size.Height || shape[3] != size.Width))
            throw new ArgumentException($"{Path} takes {size.Height}x{size.Width} images, got {shape[2]}x{shape[3]}");
        if (FixedBatch is { } batch && shape[0] != batch)
            throw new ArgumentException($"{Path} takes batches of {batch}, got {shape[0]}");
        var bytes = input.bytes;
        fixed (byte* data = bytes)
        {
            using var value = OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, TensorElementType.Float, shape, (IntPtr)data, bytes.Length);
            using var results = _session.Run(_runOptions, [_input], [value], [_output]);
            var output = results[0];
            var dims = output.GetTensorTypeAndShape().Shape;
            if (dims.Length != 3 || dims[1] != 4 + NumClasses)
                throw new OnnxModelException($"{Path}: output '{_output}' has shape [{string.Join(", ", dims)}]; a detection model gives [batch, 4 + {NumClasses}, anchors]");
            var predictions = empty(dims, ScalarType.Float32);
            MemoryMarshal.AsBytes(output.GetTensorDataAsSpan<float>()).CopyTo(predictions.bytes);
            return predictions;
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }

    private (string Name, int? Batch, (int, int)? Size) ReadInput(string path)
    {
        if (_session.InputMetadata.Count != 1)
            throw new OnnxModelException($"{path}: a detection model has one input, this one has {_session.InputMetadata.Count}");
        var (name, meta) = _session.InputMetadata.First();
        if (meta.ElementType != typeof(float))
            throw new OnnxModelException($"{path}: input '{name}' is {meta.ElementType.Name}; float32 images are expected");
        var d = meta.Dimensions;
        if (d.Length != 4 || (d[1] > 0 && d[1] != 3))
            throw new OnnxModelException($"{path}: input '{name}' has shape [{string.Join(", ", d)}]; [batch, 3, height, width] is expected");
        int? batch = d[0] > 0 ? d[0] : null;
        (int, int)? size = d[2] > 0 && d[3] > 0 ? (d[2], d[3]) : null;
        return (name, batch, size);
    }

    private string ReadOutput(string path)
    {
        if (_session.OutputMetadata.Count < 1) throw new OnnxModelException($"{path}: the model has no output");
        return _session.OutputMetadata.Keys.First();
    }

    private IReadOnlyList<string> ReadNames(string path, IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue("names", out var text))
        {
            var channels = _session.OutputMetadata.Values.First().Dimensions;
            if (channels.Length != 3 || channels[1] <= 4)
                throw new OnnxModelException($"{path}: no 'names' metadata and no fixed output channel count to infer the classes from");
            return Enumerable.Range(0, channels[1] - 4).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        }
        object? parsed;
        try { parsed = PythonLiteral.Parse(text); }
        catch (FormatException e) { throw new OnnxModelException($"{path}: metadata 'names' is not a Python literal: {e.Message}", e); }
        switch (parsed)
        {
            case Dictionary<object, object?> map:
                var names = new string[map.Count];
                foreach (var (key, value) in map)
                {
                    if (key is not long index || index < 0 || index >= map.Count)
                        throw new OnnxModelException($"{path}: metadata 'names' has key {PythonLiteral.Format(key)}; keys 0…{map.Count - 1} are expected");
                    names[index] = value?.ToString() ?? "";
                }
                return names;
            case List<object?> list:
                return list.Select(v => v?.ToString() ?? "").ToArray();
            default:
                throw new OnnxModelException($"{path}: metadata 'names' is neither a dict nor a list");
        }
    }
}

/// <summary>An ONNX file that cannot be used as a detection model; the message names the file.</summary>
public sealed class OnnxModelException(string message, Exception? inner = null) : Exception(message, inner);
