using YoloGen.Cli;
using YoloGen.Cli.Commands;

// yologen <command> [options]. Each command lives in Commands/<Name>Command.cs and returns an exit code.
var commands = new Dictionary<string, (string Summary, Func<CliArgs, int> Run)>(StringComparer.Ordinal)
{
    ["info"] = ("print a model's layer table (--json for machine-readable output)", InfoCommand.Run),
    ["models"] = ("list the models compiled into this program", ModelsCommand.Run),
    ["forward"] = ("run a model on the inputs of a safetensors file and write its outputs", ForwardCommand.Run),
    ["val"] = ("validate trained weights on a dataset (--weights), or score a detections file (--detections)", ValCommand.Run),
    ["train"] = ("train a model (default: yolo11n on the embedded synthetic dataset); --resume continues a run", TrainCommand.Run),
    ["predict"] = ("detect objects in images and write annotated copies plus predictions.json", PredictCommand.Run),
    ["bench"] = ("time a model's eval forward (or --train: a training step) on random data; --json for machine-readable output", BenchCommand.Run),
    ["export"] = ("write a model with its weights as an ONNX file (--weights, --imgsz, --dynamic, --opset, --output)", ExportCommand.Run),
    ["loss"] = ("compute the detection loss of stored head maps and targets (--input <file.safetensors>)", LossCommand.Run),
};

if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
{
    Console.WriteLine("usage: yologen <command> [options]\n\ncommands:");
    foreach (var (name, (summary, _)) in commands) Console.WriteLine($"  {name,-10} {summary}");
    return args.Length == 0 ? 1 : 0;
}

if (!commands.TryGetValue(args[0], out var command))
{
    Console.Error.WriteLine($"yologen: unknown command '{args[0]}'. Commands: {string.Join(", ", commands.Keys)}");
    return 2;
}

// Freed tensor memory stays in the process for the next buffer instead of costing page faults (docs/benchmarks.md).
YoloGen.NativeHeap.RetainFreedMemory();

try
{
    return command.Run(new CliArgs(args[0], args.Skip(1)));
}
catch (CliException e)
{
    Console.Error.WriteLine($"yologen {e.Message}");
    return 2;
}
catch (Exception e) when (e is YoloGen.IO.WeightsException or YoloGen.Data.DatasetException or YoloGen.Export.OnnxExportException or YoloGen.Prediction.OnnxModelException)
{
    Console.Error.WriteLine($"yologen {args[0]}: {e.Message}");
    return 2;
}
