using YoloGen.Cli.Commands;
using YoloGen.IO;
using YoloGen.IO.Checkpoints;
using YoloGen.Runtime.Tests;
using YoloGen.Runtime.Tests.IO;
using Xunit;

namespace YoloGen.Cli.Tests;

/// <summary><c>--weights x.pt</c> wherever safetensors works, <c>convert</c> both ways, <c>export --format pt</c>, <c>info --weights</c>.</summary>
public sealed class CheckpointCommandTests
{
    private static readonly string V830 = TestPaths.Checkpoint("yolo11n-seed0.v830.pt");

    [Fact]
    public void Forward_accepts_a_checkpoint_and_reproduces_the_reference_output()
    {
        using var folder = new TempFolder();
        string output = folder.File("out.safetensors");
        var (code, _) = CommandRunner.Run("forward", "--model", "yolo11n", "--weights", V830,
            "--input", TestPaths.Checkpoint("yolo11n-seed0.v830.pt.io.safetensors"), "--output", output);
        Assert.Equal(0, code);
        using var result = SafeTensors.Load(output);
        using var io = SafeTensors.Load(TestPaths.Checkpoint("yolo11n-seed0.v830.pt.io.safetensors"));
        double diff = (result["A.eval.y"] - io["A.eval.0"]).abs().max().item<float>(); // built the 8.3 way: the 8.3.0 fixtures' names
        Assert.True(diff <= 0.25, $"max difference {diff}");
    }

    [Theory]
    [InlineData("yolo11n", "yolo11n-seed0.pt")] // 8.4.50: SPPF cv1 without activation
    [InlineData("yolov8n", "yolov8n-seed0.pt")] // SPPF cv1 with SiLU and the legacy class branch
    public void Forward_builds_the_network_the_checkpoint_s_way_and_reproduces_its_output(string model, string checkpoint)
    {
        using var folder = new TempFolder();
        string output = folder.File("out.safetensors");
        var (code, _) = CommandRunner.Run("forward", "--model", model, "--weights", TestPaths.Checkpoint(checkpoint),
            "--input", TestPaths.Checkpoint(checkpoint + ".io.safetensors"), "--output", output);
        Assert.Equal(0, code);
        using var result = SafeTensors.Load(output);
        using var io = SafeTensors.Load(TestPaths.Checkpoint(checkpoint + ".io.safetensors"));
        double diff = (result["A.eval.0"] - io["A.eval.0"]) /* built the 8.4 way: 8.4.50's names */.abs().max().item<float>();
        Assert.True(diff <= 0.25, $"max difference {diff}");
    }

    [Fact]
    public void Convert_pt_to_safetensors_and_back_keeps_every_tensor_and_info_describes_the_result()
    {
        using var folder = new TempFolder();
        string st = folder.File("w.safetensors"), pt = folder.File("w.pt"), exported = folder.File("exported.pt");
        Assert.Equal(0, CommandRunner.Run("convert", V830, st).Code);
        Assert.Equal(0, CommandRunner.Run("convert", st, pt, "--model", "yolo11n").Code);
        Assert.Equal(0, CommandRunner.Run("export", "--weights", st, "--format", "pt", "--model", "yolo11n", "--output", exported).Code);

        using var source = UltralyticsCheckpoint.Read(V830);
        foreach (var file in new[] { pt, exported })
        {
            using var back = UltralyticsCheckpoint.Read(file);
            Assert.Equal(source.Weights.Select(w => w.Name), back.Weights.Select(w => w.Name));
            foreach (var ((name, a), (_, b)) in source.Weights.Zip(back.Weights))
                Assert.True(a.dtype == b.dtype && a.contiguous().bytes.SequenceEqual(b.contiguous().bytes), name);
        }

        var (code, text) = CommandRunner.Run("info", "--weights", pt);
        Assert.Equal(0, code);
        Assert.Contains("model        yolo11n (final weights)", text);
        Assert.Contains("version      Ultralytics 8.3.0", text);
        Assert.Contains("nc           80", text);
        Assert.Contains("names        class0, class1, class2", text); // carried through the safetensors metadata
        Assert.Contains("network      yolo11n: same modules, loads as is", text);
        Assert.Contains("  - [-1, 1, SPPF, [1024, 5]]", text);
    }

    [Fact]
    public void Convert_refuses_a_pair_of_extensions_it_does_not_convert()
    {
        using var folder = new TempFolder();
        var e = Assert.Throws<CliException>(() => CommandRunner.Run("convert", V830, folder.File("x.onnx")));
        Assert.Equal(CliException.UsageError, e.ExitCode);
        Assert.Contains(".pt → .safetensors or .safetensors → .pt", e.Message);
    }
}
