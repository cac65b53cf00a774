using System.CommandLine;
using TorchSharp;
using YoloGen.Cli.Parsing;
using YoloGen.IO;
using YoloGen.Models;
using static TorchSharp.torch;

namespace YoloGen.Cli.Commands;

/// <summary>
/// <c>yologen forward --model &lt;name&gt; --weights &lt;w.safetensors&gt; --input &lt;io.safetensors&gt; --output &lt;out.safetensors&gt;
/// [--dtype float32|float64] [--train] [--threads N] [--reference 8.4|8.3]</c>: for every tensor <c>input.&lt;X&gt;</c> writes the
/// network's outputs under the reference fixtures' names — 8.4.50's return value flattened (<c>&lt;X&gt;.eval.0</c>,
/// <c>&lt;X&gt;.eval.1.boxes</c>, <c>&lt;X&gt;.eval.1.one2one.scores</c>, with --train <c>&lt;X&gt;.train.boxes</c>, …; tests/reference/zoo),
/// or with <c>--reference 8.3</c> the 8.3.0 fixtures' <c>&lt;X&gt;.eval.y</c>, <c>&lt;X&gt;.eval.raw.&lt;i&gt;</c>, <c>&lt;X&gt;.train.raw.&lt;i&gt;</c>.
/// Train mode uses batch statistics and leaves the loaded weights untouched; F16 weights are read exactly.
/// </summary>
public sealed class ForwardCommand : CliCommand
{
    private const string InputPrefix = "input.";

    private readonly CliOption<string?> _model, _weights, _input, _output;
    private readonly CliOption<string> _dtype, _reference;
    private readonly CliOption<bool> _train;
    private readonly CliOption<int> _threads;

    public ForwardCommand() : base("forward", "run a network on the input tensors of a safetensors file and write its outputs (the reference fixtures' names)")
    {
        _model = Add(SharedOptions.Model("forward", "the network", required: true));
        _weights = Add(CliOptions.Text("--weights", "file", "a state dict (safetensors) for the network", required: true));
        _input = Add(CliOptions.Text("--input", "file", "safetensors file whose tensors input.<X> [B, 3, H, W] are run", required: true));
        _output = Add(CliOptions.Text("--output", "file", "safetensors file written with the outputs under the reference fixtures' names (<X>.eval.0, <X>.eval.1.boxes, …)", required: true));
        _dtype = Add(SharedOptions.Dtype("of the weights and inputs"));
        _train = Add(CliOptions.Flag("--train", "also write <X>.train.raw.<i>: train mode with batch statistics, the loaded weights untouched"));
        _threads = Add(SharedOptions.Threads());
        _reference = Add(SharedOptions.Reference());
    }

    public override IReadOnlyList<(string, string)> Examples { get; } =
    [
        ("yologen forward --model yolov10n --weights w.safetensors --input io.safetensors --output out.safetensors --dtype float64 --train",
            "eval and train-mode outputs in float64, to compare with a zoo fixture by name"),
        ("yologen forward --model yolo11n --reference 8.3 --weights w.safetensors --input io.safetensors --output out.safetensors",
            "the 8.3.0 network, outputs named as the YOLO11 fixtures (A.eval.y, A.eval.raw.0, …)"),
    ];

    protected override int Run(ParseResult result, TextWriter log)
    {
        string modelName = result.GetValue(_model)!;
        string weights = result.GetValue(_weights)!;
        string input = result.GetValue(_input)!;
        string output = result.GetValue(_output)!;
        var dtype = result.GetValue(_dtype) == "float64" ? ScalarType.Float64 : ScalarType.Float32;
        bool train = result.GetValue(_train);
        int threads = result.GetValue(_threads);

        torch.set_num_threads(threads);
        var rules = SharedOptions.Rules(result.GetValue(_reference)!);
        using var model = WeightsFile.IsCheckpoint(weights)
            ? ModelLookup.CreateWithWeights("forward", modelName, weights).Model // a checkpoint's own rules
            : ModelLookup.Create("forward", modelName, reference: rules);
        if (!WeightsFile.IsCheckpoint(weights)) StateDict.LoadFile(model, weights);
        if (dtype != ScalarType.Float32) model.to(dtype);
        model.eval();

        using var inputs = SafeTensors.Load(input);
        var named = inputs.Tensors.Where(t => t.Name.StartsWith(InputPrefix, StringComparison.Ordinal)).ToList();
        if (named.Count == 0)
            throw new CliException($"forward: {input} has no tensor named input.<X> (it holds {string.Join(", ", inputs.Names.Take(8))})");

        var results = new List<(string, Tensor)>();
        using var scope = NewDisposeScope();
        foreach (var (name, tensor) in named)
        {
            string x = name[InputPrefix.Length..];
            var image = CheckedInput(input, name, tensor, model.Strides.Max()).to(dtype);
            if (model.Reference.Before84) // the rules the network was built with: --reference, or a checkpoint's own
            {
                // The 8.3.0 fixtures' names: decoded output y and the per-level maps.
                using (no_grad())
                {
                    var eval = model.call(image);
                    results.Add(($"{x}.eval.y", eval.Predictions!));
                    results.AddRange(eval.Raw.Select((r, i) => ($"{x}.eval.raw.{i}", r)));
                }
                if (train)
                    results.AddRange(TrainModeForward.RawMaps(model, image).Select((r, i) => ($"{x}.train.raw.{i}", r)));
                continue;
            }
            // 8.4.50's return value flattened (X.eval.0, X.eval.1.boxes, X.eval.1.one2one.scores, X.train.one2many.boxes, …).
            using (no_grad()) results.AddRange(ReferenceOutputNames.Flatten(model.call(image), x, training: false, model.NumClasses));
            if (train) results.AddRange(ReferenceOutputNames.Flatten(TrainModeForward.Output(model, image), x, training: true, model.NumClasses));
        }

        SafeTensors.Save(output, results, new Dictionary<string, string>
        {
            ["model"] = model.ModelName,
            ["weights_file"] = Path.GetFileName(weights),
            ["inputs_file"] = Path.GetFileName(input),
            ["dtype"] = dtype == ScalarType.Float64 ? "float64" : "float32",
            ["written_by"] = "yologen forward",
        });
        log.WriteLine($"forward: {named.Count} input(s), {results.Count} tensors written to {output}");
        return 0;
    }

    private static Tensor CheckedInput(string file, string name, Tensor tensor, int maxStride)
    {
        var s = tensor.shape;
        if (s.Length != 4 || s[1] != 3)
            throw new CliException($"forward: {file}: '{name}' must have shape [B, 3, H, W], found [{string.Join(", ", s)}]");
        if (s[2] % maxStride != 0 || s[3] % maxStride != 0)
            throw new CliException($"forward: {file}: '{name}' is {s[2]}×{s[3]}; height and width must be multiples of {maxStride}");
        if (!tensor.is_floating_point())
            throw new CliException($"forward: {file}: '{name}' must be a floating-point tensor, found {tensor.dtype}");
        return tensor;
    }
}
