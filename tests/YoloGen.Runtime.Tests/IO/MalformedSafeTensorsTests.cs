using System.Buffers.Binary;
using System.Text;
using YoloGen.IO;
using Xunit;

namespace YoloGen.Runtime.Tests.IO;

/// <summary>Every kind of malformed file is a <see cref="WeightsException"/> that names the file and the defect.</summary>
public class MalformedSafeTensorsTests
{
    private static byte[] File(string header, int dataBytes, ulong? declaredLength = null)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declaredLength ?? (ulong)json.Length);
        json.CopyTo(bytes, 8);
        return bytes;
    }

    public static TheoryData<string, byte[], string> Cases() => new()
    {
        { "short", new byte[] { 1, 2, 3 }, "too short" },
        { "huge-length", File("{}", 0, declaredLength: 1UL << 40), "header length" },
        { "not-json-start", File("[1,2]", 0), "does not start with '{'" },
        { "bad-json", File("{\"a\": {\"dtype\": \"F32\",", 0), "not valid JSON" },
        { "entry-not-object", File("{\"a\": 5}", 0), "tensor 'a': entry must be an object" },
        { "no-dtype", File("{\"a\": {\"shape\": [1], \"data_offsets\": [0, 4]}}", 4), "tensor 'a': missing or non-string 'dtype'" },
        { "unknown-dtype", File("{\"a\": {\"dtype\": \"F8\", \"shape\": [1], \"data_offsets\": [0, 1]}}", 1), "unknown dtype 'F8'" },
        { "negative-shape", File("{\"a\": {\"dtype\": \"F32\", \"shape\": [-1], \"data_offsets\": [0, 4]}}", 4), "'shape' must hold non-negative integers" },
        { "three-offsets", File("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4, 8]}}", 8), "'data_offsets' must have 2 elements" },
        { "size-mismatch", File("{\"a\": {\"dtype\": \"F32\", \"shape\": [2, 3], \"data_offsets\": [0, 20]}}", 20), "needs 24 bytes but data_offsets [0, 20] hold 20" },
        { "out-of-range", File("{\"a\": {\"dtype\": \"F32\", \"shape\": [4], \"data_offsets\": [0, 16]}}", 8), "beyond the data section" },
        { "reversed-offsets", File("{\"a\": {\"dtype\": \"U8\", \"shape\": [0], \"data_offsets\": [4, 0]}}", 4), "end before they begin" },
        { "gap", File("{\"a\": {\"dtype\": \"U8\", \"shape\": [2], \"data_offsets\": [2, 4]}}", 4), "leave a gap" },
        { "overlap", File("{\"a\": {\"dtype\": \"U8\", \"shape\": [4], \"data_offsets\": [0, 4]}, \"b\": {\"dtype\": \"U8\", \"shape\": [2], \"data_offsets\": [2, 4]}}", 4), "overlap" },
        { "trailing-data", File("{\"a\": {\"dtype\": \"U8\", \"shape\": [2], \"data_offsets\": [0, 2]}}", 6), "cover 2 bytes but the data section has 6" },
        { "metadata-number", File("{\"__metadata__\": {\"seed\": 0}}", 0), "__metadata__.seed must be a string" },
        { "duplicate", File("{\"a\": {\"dtype\": \"U8\", \"shape\": [1], \"data_offsets\": [0, 1]}, \"a\": {\"dtype\": \"U8\", \"shape\": [1], \"data_offsets\": [1, 2]}}", 2), "lists 'a' twice" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_file_is_a_clear_weights_error(string name, byte[] contents, string expected)
    {
        using var folder = new TempFolder();
        string path = folder.File(name + ".safetensors");
        System.IO.File.WriteAllBytes(path, contents);

        var e = Assert.Throws<WeightsException>(() => SafeTensors.Load(path).Dispose());

        Assert.StartsWith(path + ":", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Missing_file_is_a_weights_error_naming_it()
    {
        string path = Path.Combine(Path.GetTempPath(), "yologen-no-such-file.safetensors");
        var e = Assert.Throws<WeightsException>(() => SafeTensors.Load(path).Dispose());
        Assert.StartsWith(path + ": cannot open", e.Message);
    }

    [Fact]
    public void Asking_for_an_absent_tensor_names_the_file_and_the_tensor()
    {
        using var file = SafeTensors.Load(TestPaths.Fixture("yolo11n-seed0.io.safetensors"));
        var e = Assert.Throws<WeightsException>(() => file["C.eval.y"]);
        Assert.Contains("yolo11n-seed0.io.safetensors: no tensor named 'C.eval.y'", e.Message);
    }
}
