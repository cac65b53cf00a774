using System.Buffers.Binary;
using System.Text.Json;
using YoloGen.IO;
using Xunit;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.IO;

public class SafeTensorsRoundTripTests
{
    public static TheoryData<ScalarType, string> DTypes() => new()
    {
        { ScalarType.Float64, "F64" }, { ScalarType.Float32, "F32" }, { ScalarType.Float16, "F16" },
        { ScalarType.BFloat16, "BF16" }, { ScalarType.Int64, "I64" }, { ScalarType.Int32, "I32" },
        { ScalarType.Int16, "I16" }, { ScalarType.Int8, "I8" }, { ScalarType.Byte, "U8" }, { ScalarType.Bool, "BOOL" },
    };

    [Theory]
    [MemberData(nameof(DTypes))]
    public void Every_dtype_round_trips_bit_exactly_with_its_code(ScalarType dtype, string code)
    {
        using var folder = new TempFolder();
        using var scope = NewDisposeScope();
        var values = dtype == ScalarType.Bool ? randint(0, 2, new long[] { 3, 5, 2 }).to(dtype)
            : dtype is ScalarType.Float64 or ScalarType.Float32 or ScalarType.Float16 or ScalarType.BFloat16 ? (randn(3, 5, 2) * 100).to(dtype)
            : randint(-100, 100, new long[] { 3, 5, 2 }).to(dtype);
        if (dtype == ScalarType.Byte) values = randint(0, 256, new long[] { 3, 5, 2 }).to(dtype);
        var scalar = tensor(7L).to(dtype);
        string path = folder.File("t.safetensors");

        SafeTensors.Save(path, new[] { ("values", values), ("scalar", scalar) });

        Assert.Equal(new[] { code, code }, SafeTensors.ReadHeader(path).Entries.Select(e => e.DType));
        using var file = SafeTensors.Load(path);
        Assert.Equal(dtype, file["values"].dtype);
        Assert.Equal(values.shape, file["values"].shape);
        Assert.Equal(values.bytes.ToArray(), file["values"].bytes.ToArray());
        Assert.Empty(file["scalar"].shape);
        Assert.Equal(scalar.bytes.ToArray(), file["scalar"].bytes.ToArray());
    }

    [Fact]
    public void Order_metadata_padding_and_empty_tensors_are_kept()
    {
        using var folder = new TempFolder();
        using var scope = NewDisposeScope();
        string path = folder.File("ordered.safetensors");
        var names = new[] { "z.last", "a.first", "m.middle", "empty" };
        var tensors = new[] { ones(2, 3), zeros(4), arange(5), zeros(0, 3) };
        var metadata = new Dictionary<string, string> { ["model"] = "yolo11n", ["note"] = "{\"json\": \"inside\", \"plus\": \"+<&>\"}" };

        SafeTensors.Save(path, names.Zip(tensors), metadata);

        var bytes = File.ReadAllBytes(path);
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0UL, (8 + n) % 8);
        using (var doc = JsonDocument.Parse(bytes.AsMemory(8, (int)n)))
        {
            // Header keys in the given order, data contiguous in that order.
            Assert.Equal(new[] { "__metadata__" }.Concat(names), doc.RootElement.EnumerateObject().Select(p => p.Name));
        }
        using var file = SafeTensors.Load(path);
        Assert.Equal(names, file.Names);
        Assert.Equal(metadata, file.Metadata);
        Assert.Equal(new long[] { 0, 3 }, file["empty"].shape);
        Assert.Equal(new long[] { 0, 1, 2, 3, 4 }, file["m.middle"].data<long>().ToArray());
        Assert.Equal(new float[4], file["a.first"].data<float>().ToArray());
        Assert.Equal(Enumerable.Repeat(1f, 6), file["z.last"].data<float>().ToArray());
    }

    [Fact]
    public void Saving_replaces_an_existing_file_and_leaves_no_temporary_files()
    {
        using var folder = new TempFolder();
        using var scope = NewDisposeScope();
        string path = folder.File("w.safetensors");
        File.WriteAllText(path, "old contents");

        SafeTensors.Save(path, new[] { ("x", full(3, 2.5f)) });

        Assert.Equal(new[] { path }, Directory.GetFiles(folder.Path));
        using var file = SafeTensors.Load(path);
        Assert.Equal(new[] { 2.5f, 2.5f, 2.5f }, file["x"].data<float>().ToArray());
    }

    [Fact]
    public void Reference_weights_file_reads_with_the_reference_key_order()
    {
        var golden = GoldenModel.Load("yolo11n");
        var expected = golden.Layers.SelectMany(l => l.StateDict.Select(e => ($"model.{l.Index}.{e.Name}", e.Shape))).ToList();

        using var file = SafeTensors.Load(TestPaths.Fixture("yolo11n-seed0.weights.safetensors"));

        Assert.Equal(499, file.Tensors.Count);
        Assert.Equal(expected.Select(e => e.Item1), file.Names);
        Assert.All(file.Tensors.Zip(expected), p => Assert.Equal(p.Second.Shape, p.First.Tensor.shape));
        Assert.Equal(ScalarType.Int64, file["model.0.bn.num_batches_tracked"].dtype);
        Assert.Equal(1L, file["model.0.bn.num_batches_tracked"].item<long>());
    }

    [Fact]
    public void Rewriting_the_reference_weights_gives_a_file_with_identical_tensors_and_order()
    {
        using var folder = new TempFolder();
        string copy = folder.File("copy.safetensors");
        using var original = SafeTensors.Load(TestPaths.Fixture("yolo11n-seed0.weights.safetensors"));

        SafeTensors.Save(copy, original.Tensors, original.Metadata);

        using var reread = SafeTensors.Load(copy);
        Assert.Equal(original.Names, reread.Names);
        Assert.Equal(original.Metadata, reread.Metadata);
        Assert.All(original.Tensors.Zip(reread.Tensors), p => Assert.Equal(p.First.Tensor.bytes.ToArray(), p.Second.Tensor.bytes.ToArray()));
    }
}
