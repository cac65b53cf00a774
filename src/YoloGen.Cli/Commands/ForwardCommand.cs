using TorchSharp;
using YoloGen.IO;
using YoloGen.Models;
using static TorchSharp.torch;

namespace YoloGen.Cli.Commands;

/// <summary>
/// <c>yologen forward --model &lt;name&gt; --weights &lt;w.safetensors&gt; --input &lt;io.safetensors&gt; --output &lt;out.safetensors&gt;
/// [--dtype float32|float64] [--train] [--threads N]</c>: for every tensor <c>input.&lt;X&gt;</c> writes <c>&lt;X&gt;.eval.y</c>,
/// <c>&lt;X&gt;.eval.raw.&lt;i&gt;</c> and, with --train, <c>&lt;X&gt;.train.raw.&lt;i&gt;</c> (train mode, batch statistics, the loaded
/// weights untouched) — the tensor names of the reference fixtures.
/// </summary>
public static class ForwardCommand
{
    private const string InputPrefix = "input.";

    public static int Run(CliArgs args) => Run(args, Console.Out);

    public static int Run(CliArgs args, TextWriter log)
    {
        string modelName = args.Required("model");
        string weights = args.Required("weights");
        string input = args.Required("input");
        string output = args.Required("output");
        var dtype = args.Choice("dtype", "float32", "float32", "float64") == "float64" ? ScalarType.Float64 : ScalarType.Float32;
        bool train = args.Flag("train");
        int threads = args.Int("threads", Environment.ProcessorCount, min: 1, max: 1024);
        args.EnsureAllUsed();

        torch.set_num_threads(threads);
        using var model = WeightsFile.IsCheckpoint(weights)
            ? ModelLookup.CreateWithWeights("forward", modelName, weights).Model
            : ModelLookup.Create("forward", modelName);
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
            using (no_grad())
            {
                var eval = model.call(image);
                results.Add(($"{x}.eval.y", eval.Predictions!));
                results.AddRange(eval.Raw.Select((r, i) => ($"{x}.eval.raw.{i}", r)));
            }
            if (train)
                results.AddRange(TrainModeForward.RawMaps(model, image).Select((r, i) => ($"{x}.train.raw.{i}", r)));
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
