using YoloGen.IO;

namespace YoloGen.Cli.Commands;

/// <summary>What <c>yologen export --weights W --format pt [--model M] [--output O]</c> was asked.</summary>
public sealed record ExportOptions(string Weights, string Format, string? Model, string? Output);

/// <summary>
/// <c>yologen export --weights W --format pt [--model M] [--output O]</c>: writes the weights as an Ultralytics checkpoint
/// (<c>YOLO("x.pt")</c> in Python loads it); the output defaults to the weights' name with <c>.pt</c>.
/// </summary>
public static class ExportCommand
{
    public static int Run(CliArgs args)
    {
        var o = new ExportOptions(args.Required("weights"), args.Choice("format", "pt", "pt"), args.String("model"), args.String("output"));
        args.EnsureAllUsed();
        return Run(o, Console.Out);
    }

    public static int Run(ExportOptions o, TextWriter output)
    {
        string target = o.Output ?? Path.ChangeExtension(o.Weights, ".pt");
        if (Path.GetFullPath(target) == Path.GetFullPath(o.Weights)) throw new CliException($"export: {target} would overwrite the weights; give --output");
        var (model, names) = ModelLookup.CreateWithWeights("export", o.Model, o.Weights);
        using (model) WeightsFile.SaveCheckpoint(target, model, names);
        output.WriteLine($"Exported {o.Weights} → {target} (Ultralytics checkpoint, half precision)");
        return 0;
    }
}
