using YoloGen.Models;

namespace YoloGen.Cli.Parsing;

/// <summary>
/// Options several commands take, declared once: a command adds one with a single line
/// (<c>_device = Add(SharedOptions.Device());</c>) and gets the same name, values, help and reference spelling.
/// </summary>
public static class SharedOptions
{
    private static readonly string[] WeightsExtensions = [".safetensors", ".pt", ".pth", ".onnx"];

    /// <summary>
    /// <c>--model &lt;name&gt;</c>, a compiled-in network (completed from <see cref="YoloModels.Names"/>). Its reference
    /// spelling <c>model=yolo11n.yaml</c> names the network of the YAML; <c>model=best.safetensors</c> names weights, which
    /// go to <paramref name="weightsOption"/> where the command has one and are a usage error where it does not.
    /// </summary>
    public static CliOption<string?> Model(string command, string description, string? defaultValue = null, bool required = false,
        string? weightsOption = null)
    {
        var option = CliOptions.Text("--model", "name", description, defaultValue, required);
        option.CompletionSources.Add(_ => YoloModels.Names.Select(n => new System.CommandLine.Completions.CompletionItem(n)));
        return option.AlsoUltralytics("model", value =>
        {
            string ext = Path.GetExtension(value).ToLowerInvariant();
            if (WeightsExtensions.Contains(ext))
                return weightsOption is not null ? [weightsOption, value]
                    : throw CliException.Usage($"{command}: model={value} names a weights file; {command} builds a network by name: model=yolo11n.yaml or --model yolo11n");
            return ["--model", ext is ".yaml" or ".yml" ? Path.GetFileNameWithoutExtension(value) : value];
        });
    }

    public static CliOption<string?> Weights(bool required) =>
        CliOptions.Text("--weights", "file", "trained weights: a checkpoint (last/best.safetensors, which names its model and classes) or a plain state dict", required: required);

    public static CliOption<string?> Data(string description) =>
        CliOptions.Text("--data", "file.yaml", description).AlsoUltralytics("data");

    public static CliOption<int> ImageSize(int defaultValue, string description, int max = 8192) =>
        CliOptions.Int("--imgsz", "pixels", description, defaultValue, min: 32, max: max).AlsoUltralytics("imgsz");

    public static CliOption<int> Batch(int defaultValue, string description) =>
        CliOptions.Int("--batch", "n", description, defaultValue, min: 1, max: 4096).AlsoUltralytics("batch");

    public static CliOption<int> Workers(int defaultValue) =>
        CliOptions.Int("--workers", "n", "data-loading threads", defaultValue, min: 0, max: 64).AlsoUltralytics("workers");

    /// <summary><c>--device</c>; the reference's <c>device=0</c> means the first GPU.</summary>
    public static CliOption<string?> Device() =>
        CliOptions.Text("--device", "cpu|cuda|cuda:N", "the torch device", defaultValue: "cpu")
            .AlsoUltralytics("device", v => ["--device", v.Length > 0 && v.All(char.IsAsciiDigit) ? $"cuda:{v}" : v]);

    public static CliOption<string?> Project(string defaultValue) =>
        CliOptions.Text("--project", "folder", "the folder that holds the run folders", defaultValue).AlsoUltralytics("project");

    public static CliOption<string?> Name(string defaultValue) =>
        CliOptions.Text("--name", "name", $"the run folder's name ({defaultValue}2, {defaultValue}3, … when taken)", defaultValue).AlsoUltralytics("name");

    public static CliOption<bool> Json(string what) => CliOptions.Flag("--json", $"print {what} as JSON instead of a table");

    public static CliOption<int> Threads() =>
        CliOptions.Int("--threads", "n", "torch intra-op threads", Environment.ProcessorCount, min: 1, max: 1024, defaultText: "all cores");

    /// <summary>
    /// <c>--reference 8.4|8.3</c>: the Ultralytics rules the network is built with (<see cref="ReferenceRules"/>): 8.4, the
    /// default, is what the reference builds from a model file today; 8.3 puts SiLU back after SPPF's cv1 and gives every
    /// head the depthwise class branch (the 8.3.0 fixtures, checkpoints written before 8.4).
    /// </summary>
    public static CliOption<string> Reference() =>
        CliOptions.Choice("--reference", "the Ultralytics rules to build the network with (8.3: SiLU after SPPF's cv1, no legacy heads)", "8.4", "8.4", "8.3");

    /// <summary>The rules a <see cref="Reference"/> value names.</summary>
    public static ReferenceRules Rules(string value) => ReferenceRules.Parse(value) ?? throw CliException.Usage($"--reference: unknown version '{value}' (8.4 or 8.3)");
    /// <summary><c>--backend torch|onnx</c>: who runs the network (default on the CPU: ONNX Runtime when the network exports, else TorchSharp).</summary>
    public static CliOption<string?> Backend()
    {
        var option = CliOptions.Text("--backend", "torch|onnx", "who runs the network: TorchSharp, or ONNX Runtime on the network exported in memory (.onnx weights: always ONNX Runtime)");
        option.DefaultText = "onnx on the CPU when the network exports, else torch";
        option.CompletionSources.Add(_ => new[] { "torch", "onnx" }.Select(n => new System.CommandLine.Completions.CompletionItem(n)));
        return option;
    }

    public static CliOption<string> Dtype(string what) =>
        CliOptions.Choice("--dtype", $"the floating-point type {what}", "float32", "float32", "float64");
}
