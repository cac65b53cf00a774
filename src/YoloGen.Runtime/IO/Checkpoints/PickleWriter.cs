using System.Buffers.Binary;
using System.Text;

namespace YoloGen.IO.Checkpoints;

/// <summary>A Python class instance to pickle: <c>cls.__new__(cls)</c>, then its <c>__dict__</c> set (NEWOBJ, BUILD).</summary>
internal sealed record PyInstance(string Module, string Name, IReadOnlyList<(string Key, object? Value)> State);

/// <summary>A <c>collections.OrderedDict</c> (module parameters, buffers, children and hook tables).</summary>
internal sealed record PyOrderedDict(IReadOnlyList<(string Key, object? Value)> Items);

/// <summary>A Python tuple (a C# array is a tuple; a <see cref="List{T}"/> is a list).</summary>
internal sealed record PyTuple(params object?[] Items);

/// <summary>An empty Python <c>set()</c>.</summary>
internal sealed record PyEmptySet;

/// <summary>A tensor (or parameter) stored in storage <see cref="Key"/> of <see cref="Elements"/> elements of <see cref="StorageClass"/>.</summary>
internal sealed record PyTensor(string Key, string StorageClass, long Elements, long[] Size, bool Parameter, bool RequiresGrad);

/// <summary>
/// Writes pickle protocol 2, the format torch.save uses: the few opcodes a checkpoint needs, no memo (every object is
/// written where it occurs), tensors as <c>_rebuild_tensor_v2</c> over persistent storage ids.
/// </summary>
internal sealed class PickleWriter
{
    private readonly MemoryStream _out = new();

    public byte[] Write(object? root)
    {
        _out.WriteByte(0x80);
        _out.WriteByte(2);
        Value(root);
        _out.WriteByte((byte)'.');
        return _out.ToArray();
    }

    private void Value(object? v)
    {
        switch (v)
        {
            case null: Op('N'); break;
            case bool b: Op(b ? (byte)0x88 : (byte)0x89); break;
            case int i: Int(i); break;
            case long l: Int(l); break;
            case double d: Float(d); break;
            case float f: Float(f); break;
            case string s: String(s); break;
            case PyTuple t: Tuple(t.Items); break;
            case object?[] a: Tuple(a); break;
            case PyEmptySet: Global("__builtin__", "set"); Op(']'); Op(0x85); Op('R'); break;
            case PyOrderedDict od:
                Global("collections", "OrderedDict");
                Op(')');
                Op('R');
                Items(od.Items.Select(kv => ((object?)kv.Key, kv.Value)).ToList());
                break;
            case PyInstance inst:
                Global(inst.Module, inst.Name);
                Op(')');
                Op(0x81); // NEWOBJ
                Op('}');
                Items(inst.State.Select(kv => ((object?)kv.Key, kv.Value)).ToList());
                Op('b'); // BUILD
                break;
            case PyTensor t: Tensor(t); break;
            case IReadOnlyDictionary<string, object?> d:
                Op('}');
                Items(d.Select(kv => ((object?)kv.Key, kv.Value)).ToList());
                break;
            case IReadOnlyDictionary<int, string> names:
                Op('}');
                Items(names.OrderBy(kv => kv.Key).Select(kv => ((object?)kv.Key, (object?)kv.Value)).ToList());
                break;
            case System.Collections.IList list:
                Op(']');
                if (list.Count == 0) break;
                Op('(');
                foreach (var item in list) Value(item);
                Op('e');
                break;
            default:
                throw new ArgumentException($"cannot pickle a {v.GetType().Name}");
        }
    }

    private void Items(List<(object? Key, object? Value)> items)
    {
        // SETITEMS in batches of 1000, as CPython does.
        for (int start = 0; start < items.Count; start += 1000)
        {
            Op('(');
            foreach (var (k, v) in items.Skip(start).Take(1000)) { Value(k); Value(v); }
            Op('u');
        }
    }

    private void Tensor(PyTensor t)
    {
        // _rebuild_parameter(_rebuild_tensor_v2(...), requires_grad, backward_hooks)
        if (t.Parameter) { Global("torch._utils", "_rebuild_parameter"); Op('('); }
        Global("torch._utils", "_rebuild_tensor_v2");
        Op('(');
        Tuple(["storage", new StorageClassRef(t.StorageClass), t.Key, "cpu", t.Elements]);
        Op('Q'); // BINPERSID
        Int(0);
        Tuple(t.Size.Cast<object?>().ToArray());
        Tuple(Strides(t.Size).Cast<object?>().ToArray());
        Value(t.Parameter ? false : t.RequiresGrad);
        Value(new PyOrderedDict([]));
        Op('t');
        Op('R');
        if (t.Parameter)
        {
            Value(t.RequiresGrad);
            Value(new PyOrderedDict([]));
            Op('t');
            Op('R');
        }
    }

    private sealed record StorageClassRef(string Name);

    private static long[] Strides(long[] size)
    {
        var s = new long[size.Length];
        long acc = 1;
        for (int i = size.Length - 1; i >= 0; i--) { s[i] = acc; acc *= Math.Max(size[i], 1); }
        return s;
    }

    private void Tuple(object?[] items)
    {
        switch (items.Length)
        {
            case 0: Op(')'); return;
            case 1: Value(items[0]); Op(0x85); return;
            case 2: Value(items[0]); Value(items[1]); Op(0x86); return;
            case 3: Value(items[0]); Value(items[1]); Value(items[2]); Op(0x87); return;
        }
        Op('(');
        foreach (var item in items)
        {
            if (item is StorageClassRef s) { int dot = s.Name.LastIndexOf('.'); Global(s.Name[..dot], s.Name[(dot + 1)..]); }
            else Value(item);
        }
        Op('t');
    }

    private void Global(string module, string name)
    {
        Op('c');
        _out.Write(Encoding.UTF8.GetBytes($"{module}\n{name}\n"));
    }

    private void Int(long v)
    {
        Span<byte> b = stackalloc byte[9];
        if (v >= 0 && v < 256) { Op('K'); _out.WriteByte((byte)v); }
        else if (v >= 0 && v < 65536) { Op('M'); BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)v); _out.Write(b[..2]); }
        else if (v >= int.MinValue && v <= int.MaxValue) { Op('J'); BinaryPrimitives.WriteInt32LittleEndian(b, (int)v); _out.Write(b[..4]); }
        else { Op(0x8a); _out.WriteByte(8); BinaryPrimitives.WriteInt64LittleEndian(b, v); _out.Write(b[..8]); }
    }

    private void Float(double d)
    {
        Op('G');
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(b, d);
        _out.Write(b);
    }

    private void String(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        Op('X');
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(len, bytes.Length);
        _out.Write(len);
        _out.Write(bytes);
    }

    private void Op(char c) => _out.WriteByte((byte)c);

    private void Op(byte b) => _out.WriteByte(b);
}
