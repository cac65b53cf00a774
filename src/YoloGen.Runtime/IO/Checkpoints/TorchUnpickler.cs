using System.Collections;
using System.Numerics;
using Razorvine.Pickle;

namespace YoloGen.IO.Checkpoints;

/// <summary>
/// Razorvine's unpickler with torch's globals answered by inert recorders: tensors and parameters become
/// <see cref="TensorRef"/>, storages <see cref="StorageRef"/>, OrderedDict a Hashtable, numpy scalars numbers; module
/// classes become Razorvine's ClassDict (a dictionary of the object's attributes). Callers run
/// <see cref="PickleScanner"/> first, so only allow-listed globals ever reach it.
/// </summary>
internal sealed class TorchUnpickler : Unpickler
{
    static TorchUnpickler()
    {
        // Razorvine keeps its constructor table in a static dictionary: register once, from the type initializer.
        registerConstructor("collections", "OrderedDict", new OrderedDictConstructor());
        registerConstructor("torch._utils", "_rebuild_tensor_v2", new TensorConstructor());
        registerConstructor("torch._utils", "_rebuild_parameter", new ParameterConstructor());
        registerConstructor("torch._utils", "_rebuild_parameter_with_state", new ParameterConstructor());
        foreach (var (name, dtype) in PickleAllowList.StorageTypes)
        {
            int dot = name.LastIndexOf('.');
            registerConstructor(name[..dot], name[(dot + 1)..], new StorageType(name, dtype));
        }
        foreach (var module in new[] { "numpy.core.multiarray", "numpy._core.multiarray" })
            registerConstructor(module, "scalar", new NumpyScalarConstructor());
        registerConstructor("numpy", "dtype", new NumpyDTypeConstructor());
    }

    /// <summary>Unpickles <paramref name="pickle"/> (already checked by <see cref="PickleScanner"/>).</summary>
    public static object? Load(string path, byte[] pickle)
    {
        using var unpickler = new TorchUnpickler();
        try
        {
            return unpickler.loads(pickle);
        }
        catch (WeightsException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The pickle is untrusted input and the unpickler a library: any failure is a malformed file.
            throw new WeightsException($"{path}: data.pkl is malformed ({e.GetType().Name}: {e.Message})", e);
        }
    }

    protected override object persistentLoad(object pid)
    {
        if (pid is not object[] { Length: 5 } t || t[0] is not "storage" || t[1] is not StorageType type || t[2] is not string key)
            throw new PickleException($"persistent id {Describe(pid)} is not ('storage', <storage type>, key, location, numel)");
        long numel = t[4] switch
        {
            int i => i,
            long l => l,
            _ => throw new PickleException($"storage '{key}': element count {Describe(t[4])} is not an integer"),
        };
        if (numel < 0) throw new PickleException($"storage '{key}': negative element count {numel}");
        return new StorageRef(key, type.DType, numel);
    }

    private static string Describe(object? o) => o switch
    {
        null => "None",
        object[] a => "(" + string.Join(", ", a.Select(Describe)) + ")",
        string s => $"'{s}'",
        _ => o.ToString() ?? o.GetType().Name,
    };

    internal static long ToLong(object? o, string what) => o switch
    {
        int i => i,
        long l => l,
        BigInteger b when b >= long.MinValue && b <= long.MaxValue => (long)b,
        _ => throw new PickleException($"{what} {Describe(o)} is not an integer"),
    };

    internal static long[] ToLongs(object? o, string what) => o is object[] a
        ? a.Select(x => ToLong(x, what)).ToArray()
        : throw new PickleException($"{what} {Describe(o)} is not a tuple of integers");

    private sealed class OrderedDictConstructor : IObjectConstructor
    {
        public object construct(object[] args)
        {
            var table = new Hashtable();
            if (args.Length == 1 && args[0] is ArrayList pairs)
                foreach (var item in pairs)
                    if (item is object[] { Length: 2 } kv && kv[0] is not null) table[kv[0]] = kv[1];
            return table;
        }
    }

    private sealed class StorageType(string name, TorchSharp.torch.ScalarType dtype) : IObjectConstructor
    {
        public TorchSharp.torch.ScalarType DType { get; } = dtype;

        public object construct(object[] args) => throw new PickleException($"{name} is only valid inside a persistent id");
    }

    private sealed class TensorConstructor : IObjectConstructor
    {
        public object construct(object[] args)
        {
            if (args.Length < 4 || args[0] is not StorageRef storage)
                throw new PickleException("_rebuild_tensor_v2 needs (storage, offset, size, stride, …)");
            long offset = ToLong(args[1], "tensor offset");
            var size = ToLongs(args[2], "tensor size");
            var stride = ToLongs(args[3], "tensor stride");
            return new TensorRef(storage, offset, size, stride, IsParameter: false);
        }
    }

    private sealed class ParameterConstructor : IObjectConstructor
    {
        public object construct(object[] args) => args.Length >= 1 && args[0] is TensorRef t
            ? t with { IsParameter = true }
            : throw new PickleException("_rebuild_parameter needs a tensor as its first argument");
    }

    /// <summary><c>numpy.core.multiarray.scalar(dtype, bytes)</c>: float64, float32, int64 and int32 scalars.</summary>
    private sealed class NumpyScalarConstructor : IObjectConstructor
    {
        public object construct(object[] args)
        {
            if (args.Length != 2 || args[0] is not NumpyDType dtype || args[1] is not byte[] b)
                throw new PickleException("numpy scalar needs (dtype, bytes)");
            return (dtype.Code, b.Length) switch
            {
                ("f8", 8) => BitConverter.ToDouble(b),
                ("f4", 4) => (double)BitConverter.ToSingle(b),
                ("i8", 8) => BitConverter.ToInt64(b),
                ("i4", 4) => (long)BitConverter.ToInt32(b),
                ("b1", 1) => b[0] != 0,
                _ => throw new PickleException($"numpy scalar of dtype '{dtype.Code}' ({b.Length} bytes) is not supported"),
            };
        }
    }

    private sealed class NumpyDTypeConstructor : IObjectConstructor
    {
        public object construct(object[] args) => args.Length >= 1 && args[0] is string code
            ? new NumpyDType(code)
            : throw new PickleException("numpy.dtype needs a type code");
    }
}

/// <summary>A numpy dtype as pickled (<c>dtype('f8', False, True)</c> then its state tuple, which only matters for byte order).</summary>
internal sealed class NumpyDType(string code)
{
    public string Code { get; } = code;

    // Called by the unpickler's BUILD through reflection.
    public void __setstate__(object[] state) { }
}
