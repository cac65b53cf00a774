using static TorchSharp.torch;

namespace YoloGen.IO.Checkpoints;

/// <summary>
/// Turns <see cref="TensorRef"/>s into tensors: each storage is read once from the archive, every view is checked to lie
/// inside it (non-negative sizes and strides, last element within the storage, no more elements than the storage holds),
/// and the view is copied out contiguous, half and bfloat16 converted to float32 unless the stored precision is kept.
/// </summary>
internal sealed class TensorRebuilder(TorchZipReader zip, bool keepStoredPrecision)
{
    /// <summary>Builds every tensor (on the CPU); storages shared by several tensors are read once.</summary>
    public Tensor[] Build(IReadOnlyList<(string Name, TensorRef Ref)> refs)
    {
        var result = new Tensor[refs.Count];
        var order = Enumerable.Range(0, refs.Count).GroupBy(i => refs[i].Ref.Storage.Key, StringComparer.Ordinal);
        try
        {
            foreach (var group in order)
            {
                var storageRef = refs[group.First()].Ref.Storage;
                foreach (int i in group) Check(refs[i].Name, refs[i].Ref);
                if (group.Count() == 1 && IsWhole(refs[group.First()].Ref))
                {
                    var only = refs[group.First()].Ref;
                    bool widen = !keepStoredPrecision && storageRef.DType is ScalarType.Float16 or ScalarType.BFloat16;
                    result[group.First()] = widen ? ReadWidened(only) : ReadWhole(only);
                    continue;
                }
                using var storage = ReadStorage(storageRef);
                foreach (int i in group) result[i] = View(storage, refs[i].Ref);
            }
        }
        catch
        {
            foreach (var t in result) t?.Dispose();
            throw;
        }
        return result;
    }

    private void Check(string name, TensorRef t)
    {
        var s = t.Storage;
        if (s.DType != t.Storage.DType) throw Fail(name, "dtype differs from its storage");
        if (t.Size.Length != t.Stride.Length) throw Fail(name, $"has {t.Size.Length} sizes but {t.Stride.Length} strides");
        if (t.Size.Any(x => x < 0) || t.Stride.Any(x => x < 0) || t.Offset < 0) throw Fail(name, $"negative size, stride or offset ({t})");
        long numel = 1, last = t.Offset;
        foreach (var (size, stride) in t.Size.Zip(t.Stride))
        {
            if (size == 0) { numel = 0; break; }
            numel = checked(numel * size);
            last = checked(last + (size - 1) * stride);
        }
        if (numel > s.Numel) throw Fail(name, $"has {numel} elements but its storage '{s.Key}' only {s.Numel}");
        if (numel > 0 && last >= s.Numel) throw Fail(name, $"reaches element {last} of storage '{s.Key}', which has {s.Numel}");
    }

    /// <summary>A tensor that is its whole storage, contiguous (what torch.save writes for every parameter).</summary>
    private static bool IsWhole(TensorRef t)
    {
        if (t.Offset != 0 || t.Numel != t.Storage.Numel) return false;
        long expected = 1;
        for (int d = t.Size.Length - 1; d >= 0; d--)
        {
            if (t.Size[d] != 1 && t.Stride[d] != expected) return false;
            expected *= t.Size[d];
        }
        return true;
    }

    /// <summary>
    /// Reads a half or bfloat16 storage through a pooled buffer straight into a float32 tensor: no half-precision tensor
    /// is allocated and the conversion runs in this thread (libtorch's threaded conversion is slower under load).
    /// </summary>
    private Tensor ReadWidened(TensorRef t)
    {
        int bytes = checked((int)(t.Storage.Numel * 2));
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(bytes, 1));
        var result = empty(t.Size, dtype: ScalarType.Float32);
        try
        {
            zip.ReadStorage(t.Storage.Key, buffer.AsSpan(0, bytes));
            if (bytes == 0) return result;
            var source = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(buffer.AsSpan(0, bytes));
            var target = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(result.bytes);
            if (t.Storage.DType == ScalarType.Float16)
                for (int i = 0; i < source.Length; i++) target[i] = (float)BitConverter.UInt16BitsToHalf(source[i]);
            else
                for (int i = 0; i < source.Length; i++) target[i] = BitConverter.Int32BitsToSingle(source[i] << 16);
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A tensor that is its whole storage, read straight into its own memory.</summary>
    private Tensor ReadWhole(TensorRef t)
    {
        using var storage = ReadStorage(t.Storage);
        return storage.view(t.Size);
    }

    private Tensor ReadStorage(StorageRef s)
    {
        long elementSize = s.DType switch
        {
            ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Int16 => 2,
            ScalarType.Float32 or ScalarType.Int32 => 4,
            ScalarType.Float64 or ScalarType.Int64 => 8,
            _ => 1,
        };
        long bytes = checked(s.Numel * elementSize);
        if (bytes > int.MaxValue) throw new WeightsException($"{zip.Path}: storage '{s.Key}' declares {bytes} bytes; storages over 2 GiB are not supported");
        var storage = empty(s.Numel, dtype: s.DType);
        try
        {
            if (bytes > 0) zip.ReadStorage(s.Key, storage.bytes);
            else zip.ReadStorage(s.Key, Span<byte>.Empty);
        }
        catch
        {
            storage.Dispose();
            throw;
        }
        return storage;
    }

    private Tensor View(Tensor storage, TensorRef t)
    {
        using var view = storage.as_strided(t.Size, t.Stride, t.Offset);
        bool widen = !keepStoredPrecision && t.Storage.DType is ScalarType.Float16 or ScalarType.BFloat16;
        if (widen) return view.to(ScalarType.Float32);
        using var contiguous = view.contiguous(); // may be the view itself: a handle of its own either way, freed here
        return contiguous.clone();
    }

    private WeightsException Fail(string name, string what) => new($"{zip.Path}: tensor '{name}' {what}");
}
