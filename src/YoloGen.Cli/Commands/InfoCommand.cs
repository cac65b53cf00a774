using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using YoloGen.Cli.Parsing;
using YoloGen.Models;

namespace YoloGen.Cli.Commands;

/// <summary>
/// <c>yologen info &lt;model&gt; [--json]</c> (or <c>info --weights x.pt</c>, see <see cref="CheckpointInfoCommand"/>): the layer table (index, from, repeats, parameters, module, resolved
/// arguments) and totals, like the reference's model summary; <c>--json</c> uses the field names of the golden JSON.
/// </summary>
public sealed class InfoCommand : CliCommand
{
    private readonly Argument<string?> _model = new("model")
    {
        Arity = ArgumentArity.ZeroOrOne, Description = "a compiled-in network (yologen models lists them)",
    };
    private readonly CliOption<bool> _json;
    private readonly CliOption<string> _reference;
    private readonly CliOption<string?> _weights;

    public InfoCommand() : base("info", "print a network's layer table (index, from, n, params, module, resolved arguments) and totals")
    {
        _model.CompletionSources.Add(_ => YoloModels.Names.Select(n => new System.CommandLine.Completions.CompletionItem(n)));
        Arguments.Add(_model);
        _json = Add(SharedOptions.Json("the table, with the reference's field names,"));
        _reference = Add(SharedOptions.Reference());
        _weights = Add(CliOptions.Text("--weights", "x.pt", "describe an Ultralytics checkpoint instead (model, classes, version, structure) and whether the named or recorded network loads it"));
    }

    public override IReadOnlyList<(string, string)> Examples { get; } =
    [
        ("yologen info yolo11n", "the layer table and the totals (2,624,080 parameters)"),
        ("yologen info yolo11n-se --json", "the same as JSON (fields of the reference's per-layer summary)"),
        ("yologen info yolov8n --reference 8.3", "the network as Ultralytics 8.3.0 built it (2,724,448 parameters: the depthwise head)"),
        ("yologen info --weights yolo11n.pt", "what an Ultralytics checkpoint holds and whether yolo11n loads it"),
    ];

    protected override int Run(ParseResult result, TextWriter output)
    {
        if (result.GetValue(_weights) is { } weights)
        {
            if (result.GetValue(_json)) throw CliException.Usage("info: --json describes a network's layer table; it cannot go with --weights");
            return CheckpointInfoCommand.Run(weights, result.GetValue(_model), output);
        }
        string name = result.GetValue(_model)
            ?? throw CliException.Usage($"info: which model? usage: yologen info <model> [--json]. Known models: {string.Join(", ", YoloModels.Names)}");
        using var model = ModelLookup.Create("info", name, reference: SharedOptions.Rules(result.GetValue(_reference)!));
        var perLayer = LayerParameters.Count(model);
        long total = model.parameters().Sum(p => p.numel());
        long trainable = model.parameters().Where(p => p.requires_grad).Sum(p => p.numel());

        if (result.GetValue(_json)) WriteJson(model, perLayer, total, trainable, output);
        else WriteTable(model, perLayer, total, trainable, output);
        return 0;
    }

    private static void WriteTable(DetectionModel model, Dictionary<int, long> perLayer, long total, long trainable, TextWriter output)
    {
        int width = model.LayerInfos.Select(l => l.Module.Length).Append("module".Length).Max();
        output.WriteLine($"{"",3}  {"from",16}  {"n",2}  {"params",10}  {"module".PadRight(width)}  arguments");
        foreach (var layer in model.LayerInfos)
        {
            string from = layer.From.Length == 1 ? Invariant(layer.From[0]) : $"[{string.Join(", ", layer.From.Select(Invariant))}]";
            long parameters = perLayer.GetValueOrDefault(layer.Index);
            output.WriteLine($"{layer.Index,3}  {from,16}  {layer.Repeats,2}  {parameters.ToString("N0", CultureInfo.InvariantCulture),10}  {layer.Module.PadRight(width)}  {layer.ArgsJson}");
        }
        output.WriteLine(
            $"{model.ModelName} summary: {model.LayerInfos.Count} YAML layers, {total.ToString("N0", CultureInfo.InvariantCulture)} parameters, " +
            $"{trainable.ToString("N0", CultureInfo.InvariantCulture)} gradients, {model.NumClasses} classes, strides {string.Join("/", model.Strides)}");
    }

    private static void WriteJson(DetectionModel model, Dictionary<int, long> perLayer, long total, long trainable, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("model", model.ModelName);
            w.WriteNumber("nc", model.NumClasses);
            w.WriteStartArray("stride");
            foreach (int s in model.Strides) w.WriteNumberValue(s);
            w.WriteEndArray();
            w.WriteNumber("total_params", total);
            w.WriteNumber("total_trainable_params", trainable);
            w.WriteStartArray("layers");
            foreach (var layer in model.LayerInfos)
            {
                w.WriteStartObject();
                w.WriteNumber("index", layer.Index);
                w.WritePropertyName("from");
                if (layer.From.Length == 1) w.WriteNumberValue(layer.From[0]);
                else
                {
                    w.WriteStartArray();
                    foreach (int f in layer.From) w.WriteNumberValue(f);
                    w.WriteEndArray();
                }
                w.WriteNumber("n", layer.Repeats);
                w.WriteString("module", layer.Module);
                w.WritePropertyName("args");
                w.WriteRawValue(layer.ArgsJson);
                w.WriteNumber("params", perLayer.GetValueOrDefault(layer.Index));
                if (layer.OutChannels is int c) w.WriteNumber("out_channels", c);
                else w.WriteNull("out_channels");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static string Invariant(int v) => v.ToString(CultureInfo.InvariantCulture);
}
