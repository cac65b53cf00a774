using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using YoloGen.Models;

namespace YoloGen.Cli.Commands;

/// <summary>
/// <c>yologen info &lt;model&gt; [--json]</c> (or <c>info --weights x.pt</c>, see <see cref="CheckpointInfoCommand"/>): the layer table (index, from, repeats, parameters, module, resolved
/// arguments) and totals, like the reference's model summary; <c>--json</c> uses the field names of the golden JSON.
/// </summary>
public static class InfoCommand
{
    public static int Run(CliArgs args) => Run(args, Console.Out);

    public static int Run(CliArgs args, TextWriter output)
    {
        bool json = args.Flag("json");
        string? weights = args.String("weights");
        args.EnsureAllUsed(maxPositionals: 1);
        if (weights is not null) return CheckpointInfoCommand.Run(weights, args.Positionals.FirstOrDefault(), output);
        if (args.Positionals.Count == 0)
            throw new CliException($"info: which model? usage: yologen info <model> [--json]. Known models: {string.Join(", ", YoloModels.Names)}");

        using var model = ModelLookup.Create("info", args.Positionals[0]);
        var perLayer = LayerParameters.Count(model);
        long total = model.parameters().Sum(p => p.numel());
        long trainable = model.parameters().Where(p => p.requires_grad).Sum(p => p.numel());

        if (json) WriteJson(model, perLayer, total, trainable, output);
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
