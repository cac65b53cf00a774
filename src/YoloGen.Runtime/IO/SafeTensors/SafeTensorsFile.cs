using static TorchSharp.torch;

namespace YoloGen.IO;

/// <summary>The tensors of a safetensors file, in file order, with its metadata. Disposing disposes the tensors.</summary>
public sealed class SafeTensorsFile : IDisposable
{
    private readonly Dictionary<string, Tensor> _byName;

    internal SafeTensorsFile(string path, IReadOnlyList<(string Name, Tensor Tensor)> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        Path = path;
        Tensors = tensors;
        Metadata = metadata;
        _byName = tensors.ToDictionary(t => t.Name, t => t.Tensor, StringComparer.Ordinal);
    }

    public string Path { get; }

    public IReadOnlyList<(string Name, Tensor Tensor)> Tensors { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    public IEnumerable<string> Names => Tensors.Select(t => t.Name);

    public bool Contains(string name) => _byName.ContainsKey(name);

    public bool TryGet(string name, out Tensor tensor) => _byName.TryGetValue(name, out tensor!);

    /// <summary>The named tensor; a missing name is a <see cref="WeightsException"/> naming the file.</summary>
    public Tensor this[string name] =>
        _byName.TryGetValue(name, out var t)
            ? t
            : throw new WeightsException($"{Path}: no tensor named '{name}' ({Tensors.Count} tensors in the file)");

    public void Dispose()
    {
        foreach (var (_, t) in Tensors) t.Dispose();
    }
}
