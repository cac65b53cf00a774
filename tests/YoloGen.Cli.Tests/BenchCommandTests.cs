using YoloGen.Cli.Commands;
using Xunit;

namespace YoloGen.Cli.Tests;

/// <summary>
/// <c>yologen bench</c> runs each mode at a tiny size and reports the documented JSON fields. No timing is asserted
/// (speed figures come from docs/benchmarks.md, not from tests); --memory is left out because it changes the
/// allocator settings of the whole process.
/// </summary>
public sealed class BenchCommandTests
{
    [Theory]
    [InlineData("--layout", "generated")]
    [InlineData("--layout", "indexed")] // also checks the indexed runner computes the generated forward's output
    [InlineData("--fuse", "true")]
    [InlineData("--train", "true")]
    public void Json_reports_median_min_max_and_runs(string option, string value)
    {
        var (code, output) = CommandRunner.Run("bench",
            "--model", "yolo11n", "--imgsz", "64", "--batch", "2", "--runs", "3", "--warmup", "1", "--threads", "1", $"--{option.TrimStart('-')}", value, "--json");

        Assert.Equal(0, code);
        var json = CommandRunner.Json(output);
        Assert.Equal(["median_ms", "min_ms", "max_ms", "runs"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(3, json.GetProperty("runs").GetInt32());
        double min = json.GetProperty("min_ms").GetDouble(), median = json.GetProperty("median_ms").GetDouble(), max = json.GetProperty("max_ms").GetDouble();
        Assert.True(0 < min && min <= median && median <= max, output);
    }

    [Fact]
    public void Text_output_names_the_workload()
    {
        var (code, output) = CommandRunner.Run("bench", "--model", "yolo11n", "--imgsz", "64", "--runs", "1", "--warmup", "0", "--threads", "1");

        Assert.Equal(0, code);
        Assert.Contains("yolo11n eval forward, generated layout, 1×3×64×64, 1 thread", output);
        Assert.Contains("over 1 runs after 0 warm-up", output);
    }

    [Fact]
    public void Profile_lists_every_layer_and_the_module_totals()
    {
        var (code, output) = CommandRunner.Run("bench", "--model", "yolo11n", "--imgsz", "64", "--runs", "2", "--warmup", "0", "--threads", "1", "--profile");

        Assert.Equal(0, code);
        var lines = output.Split('\n');
        for (int i = 0; i <= 23; i++)
            Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, $@"^\s+{i}\s+\w+\s+[0-9.]+ ms\s+[0-9.]+ %$"));
        Assert.Contains(lines, l => l.Contains("C3k2") && l.Contains("(8 layers)"));
    }

    [Fact]
    public void Training_profile_lists_the_phases()
    {
        var (code, output) = CommandRunner.Run("bench", "--model", "yolo11n", "--imgsz", "64", "--batch", "2", "--runs", "2", "--warmup", "1", "--threads", "1", "--train", "--profile");

        Assert.Equal(0, code);
        foreach (var phase in new[] { "forward", "loss (assigner, CIoU, DFL, BCE)", "backward", "optimizer step" })
            Assert.Matches($@"\n\s+{System.Text.RegularExpressions.Regex.Escape(phase)}\s+[0-9.]+ ms\s+[0-9.]+ %", output);
    }

    [Theory]
    [InlineData("cannot be combined with --train", "--train", "--fuse")]
    [InlineData("cannot be combined with --train", "--train", "--layout", "indexed")]
    [InlineData("cannot be combined with --json", "--profile", "--json")]
    [InlineData("--imgsz must be a multiple of 32", "--imgsz", "100")]
    [InlineData("unknown model 'yolo99'", "--model", "yolo99")]
    [InlineData("--layout must be one of generated, indexed", "--layout", "list")]
    public void Bad_arguments_are_clear_errors(string message, params string[] args)
    {
        var all = args.Contains("--model") ? args : ["--model", "yolo11n", .. args];
        var e = Assert.Throws<CliException>(() => CommandRunner.Run("bench", all));
        Assert.Contains(message, e.Message);
    }
}
