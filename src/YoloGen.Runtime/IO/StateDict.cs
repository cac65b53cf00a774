using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.IO;

/// <summary>
/// State dicts in PyTorch's order and naming, loaded with strict name/shape checking.
/// PyTorch orders a state dict per module: its own parameters, then its own persistent buffers, then each child
/// recursively in registration order. TorchSharp's <c>state_dict()</c> lists all parameters first, so this class walks
/// the module tree itself; files it writes have the reference's key order.
/// </summary>
public static class StateDict
{
    /// <summary>The module's parameters and persistent buffers (live tensors, not copies) in PyTorch order.</summary>
    public static IReadOnlyList<(string Name, Tensor Tensor)> Entries(nn.Module module)
    {
        var result = new List<(string, Tensor)>();
        Walk(module, "", result);
        return result;
    }

    private static void Walk(nn.Module module, string prefix, List<(string, Tensor)> result)
    {
        foreach (var (name, p) in module.named_parameters(recurse: false)) result.Add((prefix + name, p));
        foreach (var (name, b) in module.named_buffers(recurse: false, include_nonpersistent: false)) result.Add((prefix + name, b));
        foreach (var (name, child) in module.named_children()) Walk(child, $"{prefix}{name}.", result);
    }

    /// <summary>
    /// Copies the source tensors into the module (converted to each target's dtype and device, without autograd).
    /// Strict: any missing, unexpected or shape-mismatched key throws a <see cref="WeightsException"/> listing them, and
    /// nothing is copied. Not strict: every tensor whose name and shape match is copied and the report says what was not.
    /// </summary>
    public static StateDictReport Load(nn.Module module, IEnumerable<(string Name, Tensor Tensor)> source, string sourceName = "state dict", bool strict = true)
    {
        var targets = Entries(module);
        var sourceByName = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in source) sourceByName[name] = tensor;

        var missing = new List<string>();
        var mismatched = new List<ShapeMismatch>();
        var matched = new List<(Tensor Target, Tensor Source)>();
        var targetNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, target) in targets)
        {
            targetNames.Add(name);
            if (!sourceByName.TryGetValue(name, out var src)) { missing.Add(name); continue; }
            if (!target.shape.SequenceEqual(src.shape)) { mismatched.Add(new ShapeMismatch(name, target.shape, src.shape)); continue; }
            matched.Add((target, src));
        }
        var unexpected = sourceByName.Keys.Where(k => !targetNames.Contains(k)).ToList();

        bool exact = missing.Count == 0 && unexpected.Count == 0 && mismatched.Count == 0;
        if (strict && !exact)
        {
            var failed = new StateDictReport(sourceName, 0, missing, unexpected, mismatched);
            throw new WeightsException($"{failed} — nothing was loaded");
        }

        using (no_grad())
        {
            foreach (var (target, src) in matched) target.copy_(src);
        }
        return new StateDictReport(sourceName, matched.Count, missing, unexpected, mismatched);
    }

    /// <summary>Reads a safetensors file and loads it (see <see cref="Load(nn.Module, IEnumerable{ValueTuple{string, Tensor}}, string, bool)"/>).</summary>
    public static StateDictReport LoadFile(nn.Module module, string path, bool strict = true)
    {
        using var file = SafeTensors.Load(path);
        return Load(module, file.Tensors, path, strict);
    }

    /// <summary>Writes the module's state dict to a safetensors file in PyTorch key order (atomically).</summary>
    public static void SaveFile(nn.Module module, string path, IReadOnlyDictionary<string, string>? metadata = null) =>
        SafeTensors.Save(path, Entries(module), metadata);
}
