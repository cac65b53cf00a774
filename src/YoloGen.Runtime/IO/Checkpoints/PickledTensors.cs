using static TorchSharp.torch;

namespace YoloGen.IO.Checkpoints;

/// <summary>A storage named by a persistent id <c>('storage', torch.HalfStorage, key, location, numel)</c>; not read yet.</summary>
public sealed record StorageRef(string Key, ScalarType DType, long Numel);

/// <summary>
/// A tensor as <c>_rebuild_tensor_v2(storage, offset, size, stride, …)</c> describes it: a strided view of a storage.
/// Unpickling only records it; <see cref="TensorRebuilder"/> checks the view against the storage and reads the bytes.
/// </summary>
public sealed record TensorRef(StorageRef Storage, long Offset, long[] Size, long[] Stride, bool IsParameter)
{
    public long Numel => Size.Aggregate(1L, (a, b) => a * b);

    public override string ToString() => $"{Storage.DType}[{string.Join(", ", Size)}] (storage '{Storage.Key}')";
}
