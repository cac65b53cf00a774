using YoloGen.IO;

namespace YoloGen.Cli.Commands;

/// <summary>What <c>yologen convert IN OUT [--model M]</c> was asked.</summary>
public sealed record ConvertOptions(string Input, string Output, string? Model);

/// <summary>
/// <c>yologen convert IN OUT [--model M]</c>: converts by the files' extensions — <c>.pt</c> → <c>.safetensors</c> (the
/// checkpoint's weights as a float32 state dict) or <c>.safetensors</c> → <c>.pt</c> (an Ultralytics checkpoint the
/// reference loads; the network is the training record's model or <c>--model</c>).
/// </summary>
public static class ConvertCommand
{
    public static int Run(CliArgs args)
    {
        string? model = args.String("model");
        args.EnsureAllUsed(maxPositionals: 2);
        if (args.Positionals.Count != 2) throw new CliException("convert: usage: yologen convert IN OUT [--model M] (.pt ↔ .safetensors)");
        return Run(new ConvertOptions(args.Positionals[0], args.Positionals[1], model), Console.Out);
    }

    public static int Run(ConvertOptions o, TextWriter output)
    {
        if (!File.Exists(o.Input)) throw new CliException($"convert: {o.Input} does not exist");
        bool fromPt = WeightsFile.IsCheckpoint(o.Input), toPt = WeightsFile.IsCheckpoint(o.Output);
        bool toSafeTensors = o.Output.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase);
        if (fromPt && toSafeTensors)
        {
            WeightsFile.CheckpointToSafeTensors(o.Input, o.Output);
        }
        else if (!fromPt && toPt)
        {
            var (model, names) = ModelLookup.CreateWithWeights("convert", o.Model, o.Input);
            using (model) WeightsFile.SaveCheckpoint(o.Output, model, names);
        }
        else
        {
            throw new CliException($"convert: converts .pt → .safetensors or .safetensors → .pt (by extension); got {Path.GetFileName(o.Input)} → {Path.GetFileName(o.Output)}");
        }
        output.WriteLine($"{o.Input} → {o.Output}");
        return 0;
    }
}
