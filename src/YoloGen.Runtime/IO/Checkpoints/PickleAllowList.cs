namespace YoloGen.IO.Checkpoints;

/// <summary>
/// The globals a checkpoint's pickle may name. Two kinds: the few functions and types torch.save itself emits
/// (OrderedDict, set, tensor and parameter rebuilds, storage types, bytes and numpy scalars), which the reader answers
/// with its own inert .NET objects; and module classes (Ultralytics', torch.nn's, a script's own), which become plain
/// dictionaries of their attributes. Nothing from the file is ever called: a name outside both lists is refused.
/// </summary>
public static class PickleAllowList
{
    private static readonly HashSet<string> Functions = new(StringComparer.Ordinal)
    {
        "collections.OrderedDict",
        "__builtin__.set", "builtins.set",
        "_codecs.encode",
        "torch._utils._rebuild_tensor_v2",
        "torch._utils._rebuild_parameter",
        "torch._utils._rebuild_parameter_with_state",
        "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar",
        "numpy.dtype",
    };

    /// <summary>Module prefixes whose classes may appear (instantiated without arguments, then given their attributes).</summary>
    private static readonly string[] ClassModules = ["ultralytics.", "torch.nn.modules.", "__main__"];

    /// <summary>Storage classes of persistent ids, with their element types.</summary>
    public static readonly IReadOnlyDictionary<string, TorchSharp.torch.ScalarType> StorageTypes =
        new Dictionary<string, TorchSharp.torch.ScalarType>(StringComparer.Ordinal)
        {
            ["torch.HalfStorage"] = TorchSharp.torch.ScalarType.Float16,
            ["torch.BFloat16Storage"] = TorchSharp.torch.ScalarType.BFloat16,
            ["torch.FloatStorage"] = TorchSharp.torch.ScalarType.Float32,
            ["torch.DoubleStorage"] = TorchSharp.torch.ScalarType.Float64,
            ["torch.LongStorage"] = TorchSharp.torch.ScalarType.Int64,
            ["torch.IntStorage"] = TorchSharp.torch.ScalarType.Int32,
            ["torch.ShortStorage"] = TorchSharp.torch.ScalarType.Int16,
            ["torch.CharStorage"] = TorchSharp.torch.ScalarType.Int8,
            ["torch.ByteStorage"] = TorchSharp.torch.ScalarType.Byte,
            ["torch.BoolStorage"] = TorchSharp.torch.ScalarType.Bool,
        };

    /// <summary>True when <c>module.name</c> may be referenced by a checkpoint.</summary>
    public static bool IsAllowed(string module, string name)
    {
        string full = module + "." + name;
        if (Functions.Contains(full) || StorageTypes.ContainsKey(full)) return true;
        if (name.Length == 0 || name.Contains('.') || !IsIdentifier(name)) return false;
        foreach (var prefix in ClassModules)
            if (module.StartsWith(prefix, StringComparison.Ordinal) || module == prefix.TrimEnd('.')) return IsDottedIdentifier(module);
        return false;
    }

    private static bool IsIdentifier(string s) =>
        s.Length > 0 && (char.IsLetter(s[0]) || s[0] == '_') && s.All(c => char.IsLetterOrDigit(c) || c == '_');

    private static bool IsDottedIdentifier(string s) => s.Split('.').All(IsIdentifier);
}
