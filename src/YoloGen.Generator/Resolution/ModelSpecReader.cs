using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using YoloGen.Generator.Catalogue;
using YoloGen.Generator.Diagnostics;
using YoloGen.Generator.Model;

namespace YoloGen.Generator.Resolution;

/// <summary>
/// Reads a parsed model file into a <see cref="ModelSpec"/>: the checks that do not depend on the scale.
/// Reports every problem it finds (not just the first) and returns null when any is an error.
/// </summary>
internal static class ModelSpecReader
{
    private const long MaxRepeats = 10_000;
    private static readonly string[] s_scaleLetters = ["n", "s", "m", "l", "x"];

    /// <summary>Every top-level key 8.4.50's model loading reads; any other is reported (YG0027), since the reference ignores it silently.</summary>
    private static readonly string[] s_knownKeys =
        ["nc", "scales", "depth_multiple", "width_multiple", "backbone", "head", "activation", "reg_max", "end2end",
         "kpt_shape", "scale", "inplace", "channels", "yaml_file"];

    /// <summary>The activations an <c>activation:</c> key may name (the torch.nn classes Conv can take), with optional literal arguments.</summary>
    private static readonly string[] s_activations =
        ["SiLU", "ReLU", "ReLU6", "LeakyReLU", "Hardswish", "Hardsigmoid", "GELU", "Mish", "Sigmoid", "Tanh", "ELU", "CELU", "SELU", "Identity"];

    public static ModelSpec? Read(ModelDocument document, ModuleCatalogue catalogue, ReferenceVersion version, List<DiagnosticInfo> diagnostics)
    {
        var root = document.Root;
        if (root is null) return null;
        var reader = new Reader(document.FilePath, root, diagnostics);
        reader.ReportUnknownKeys();

        // A bad scale entry only drops that scale; errors in nc or the layers drop the whole file.
        var errorsBefore = reader.ErrorCount;
        var nc = reader.ReadNc();
        var errorsAfterNc = reader.ErrorCount;
        var scales = reader.ReadScales();
        var errorsAfterScales = reader.ErrorCount;
        var layers = reader.ReadLayers(catalogue, nc ?? 0);
        var rules = reader.ReadRules(version, layers);

        var fatal = errorsAfterNc > errorsBefore || reader.ErrorCount > errorsAfterScales;
        if (fatal || nc is null || layers is null || rules is null) return null;
        return new ModelSpec(document.FilePath, Path.GetFileName(document.FilePath), nc.Value, scales, layers, rules);
    }

    private sealed class Reader(string filePath, YamlMap root, List<DiagnosticInfo> diagnostics)
    {
        public int ErrorCount => diagnostics.Count(d => DiagnosticDescriptors.ById(d.Id).DefaultSeverity == DiagnosticSeverity.Error);

        public void ReportUnknownKeys()
        {
            foreach (var entry in root.Entries)
            {
                var key = entry.KeyText;
                if (key is null || s_knownKeys.Contains(key) || s_scaleLetters.Contains(key)) continue; // stray scale letters get YG0004
                var near = s_knownKeys.Select(k => (k, d: EditDistance.Between(k, key))).Where(p => p.d <= 2).OrderBy(p => p.d).Select(p => p.k).FirstOrDefault();
                Report(DiagnosticDescriptors.UnknownTopLevelKey, entry.Key.Span, key, near is null ? "" : $"; did you mean '{near}'?");
            }
        }

        /// <summary>The file-wide rules: activation, reg_max, end2end, kpt_shape checked; legacy from the modules used.</summary>
        public FileRules? ReadRules(ReferenceVersion version, ImmutableEquatableArray<LayerSpec>? layers)
        {
            var ok = true;
            string? activation = null;
            if (Find("activation") is { } act && !IsEmpty(act.Value))
            {
                var text = act.Value is YamlScalar scalar ? scalar.Value.Trim() : null;
                if (text is null || !IsActivation(text))
                {
                    Report(DiagnosticDescriptors.UnknownActivation, act.Value.Span, Describe(act.Value),
                        string.Join(", ", s_activations.Select(a => "nn." + a + "()")));
                    ok = false;
                }
                else activation = text;
            }
            var regMax = 16;
            if (Find("reg_max") is { } reg)
            {
                if (reg.Value is YamlScalar scalar && PythonValues.FromScalar(scalar) is IntValue { Value: >= 1 and <= 64 } n) regMax = (int)n.Value;
                else
                {
                    Report(DiagnosticDescriptors.InvalidValue, reg.Value.Span, "reg_max", "an integer from 1 to 64 (DFL bins; 1 means no DFL)", Describe(reg.Value));
                    ok = false;
                }
            }
            bool? endToEnd = null;
            if (Find("end2end") is { } e2e && !IsEmpty(e2e.Value))
            {
                if (e2e.Value is YamlScalar scalar && PythonValues.FromScalar(scalar) is BoolValue b) endToEnd = b.Value;
                else
                {
                    Report(DiagnosticDescriptors.InvalidValue, e2e.Value.Span, "end2end", "True or False", Describe(e2e.Value));
                    ok = false;
                }
            }
            if (Find("kpt_shape") is { } kpt && !IsEmpty(kpt.Value)
                && !(kpt.Value is YamlList { Items.Count: 2 } shape && Number(shape.Items[0]) is >= 1 && Number(shape.Items[1]) is 2 or 3))
            {
                Report(DiagnosticDescriptors.InvalidValue, kpt.Value.Span, "kpt_shape", "[keypoints, 2 or 3], such as [17, 3]", Describe(kpt.Value));
                ok = false;
            }
            if (version.Problem is not null)
                Report(DiagnosticDescriptors.InvalidReference, root.Span.StartCaret, version.Problem);
            if (!ok) return null;
            var legacy = layers is null || !layers.Any(l => l.Module.ClearsLegacy);
            return new FileRules(version.Text, version.RulesName, activation, regMax, endToEnd, legacy);
        }

        private static bool IsActivation(string text)
        {
            // nn.Name(args) or torch.nn.Name(args), as the runtime's Activation.Parse reads it.
            if (text.StartsWith("torch.", System.StringComparison.Ordinal)) text = text.Substring("torch.".Length);
            if (!text.StartsWith("nn.", System.StringComparison.Ordinal) || !text.EndsWith(")", System.StringComparison.Ordinal)) return false;
            var open = text.IndexOf('(');
            if (open < 0) return false;
            var name = text.Substring(3, open - 3);
            var args = text.Substring(open + 1, text.Length - open - 2).Trim();
            return s_activations.Contains(name)
                && (args.Length == 0 || args.Split(',').All(a => double.TryParse(a.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                    || a.Trim() is "True" or "False" || a.Trim().StartsWith("inplace=", System.StringComparison.Ordinal)));
        }

        public int? ReadNc()
        {
            var entry = Find("nc");
            if (entry is null)
            {
                Report(DiagnosticDescriptors.MissingKey, root.Span.StartCaret, "nc", "add 'nc: 80' (the number of classes) at the top level");
                return null;
            }
            if (entry.Value is YamlScalar scalar && PythonValues.FromScalar(scalar) is IntValue { Value: >= 1 and <= int.MaxValue } n) return (int)n.Value;
            Report(DiagnosticDescriptors.InvalidValue, entry.Value.Span, "nc", "a positive integer (the number of classes)", Describe(entry.Value));
            return null;
        }

        public ImmutableEquatableArray<ScaleSpec> ReadScales()
        {
            var scales = Find("scales");
            if (scales?.Value is YamlMap { Entries.Count: > 0 } map)
            {
                var result = new List<ScaleSpec>();
                foreach (var entry in map.Entries)
                {
                    var scale = ReadScale(entry);
                    if (scale is null) continue;
                    result.RemoveAll(s => s.Letter == scale.Letter); // PyYAML keeps the last of duplicate keys
                    result.Add(scale);
                }
                return result.ToImmutableEquatableArray();
            }

            if (scales is not null && !IsEmpty(scales.Value))
            {
                Report(DiagnosticDescriptors.InvalidValue, scales.Value.Span, "scales",
                    "a mapping of scale letters to [depth, width, max_channels], such as 'n: [0.50, 0.25, 1024]'", Describe(scales.Value));
                return ImmutableEquatableArray<ScaleSpec>.Empty;
            }

            // `if scales:` is false: the reference falls back to depth_multiple / width_multiple (default 1.0).
            if (scales is not null)
            {
                var stray = s_scaleLetters.Where(letter => Find(letter)?.Value is YamlList).ToList();
                if (stray.Count > 0)
                {
                    var names = string.Join(", ", stray.Select(s => "'" + s + "'"));
                    Report(DiagnosticDescriptors.ScalesIndentationLost, scales.Key.Span, names);
                    return ImmutableEquatableArray<ScaleSpec>.Empty;
                }
            }
            var depth = ReadMultiple("depth_multiple");
            var width = ReadMultiple("width_multiple");
            if (depth is null || width is null) return ImmutableEquatableArray<ScaleSpec>.Empty;
            return ImmutableEquatableArray.Create(new ScaleSpec(
                "", depth.Value.Value, width.Value.Value, double.PositiveInfinity, depth.Value.Text, width.Value.Text, "", root.Span.StartCaret));
        }

        private ScaleSpec? ReadScale(YamlMapEntry entry)
        {
            var letter = entry.KeyText;
            if (letter is null || letter.Length == 0 || !letter.All(char.IsLetterOrDigit))
            {
                Report(DiagnosticDescriptors.InvalidValue, entry.Key.Span, "scale name", "letters or digits such as 'n'", Describe(entry.Key));
                return null;
            }
            if (entry.Value is YamlList { Items.Count: 3 } values
                && Number(values.Items[0]) is { } depth && depth > 0
                && Number(values.Items[1]) is { } width && width > 0
                && Number(values.Items[2]) is { } maxChannels && maxChannels >= 1)
            {
                return new ScaleSpec(letter, depth, width, maxChannels,
                    ((YamlScalar)values.Items[0]).Value, ((YamlScalar)values.Items[1]).Value, ((YamlScalar)values.Items[2]).Value, entry.Key.Span);
            }
            Report(DiagnosticDescriptors.InvalidValue, entry.Value.Span, "scales." + letter,
                "[depth, width, max_channels] with positive numbers, such as [0.50, 0.25, 1024]", Describe(entry.Value));
            return null;
        }

        private (double Value, string Text)? ReadMultiple(string key)
        {
            var entry = Find(key);
            if (entry is null) return (1.0, "1.0");
            if (Number(entry.Value) is { } value && value > 0) return (value, ((YamlScalar)entry.Value).Value);
            Report(DiagnosticDescriptors.InvalidValue, entry.Value.Span, key, "a positive number", Describe(entry.Value));
            return null;
        }

        public ImmutableEquatableArray<LayerSpec>? ReadLayers(ModuleCatalogue catalogue, int nc)
        {
            var backbone = ReadSection("backbone");
            var head = ReadSection("head");
            if (backbone is null || head is null) return null;

            var layers = new List<LayerSpec>();
            var index = 0;
            var failed = false;
            var indicesKnown = true;
            var spans = new List<string>();
            foreach (var node in backbone.Items.Concat(head.Items))
            {
                var layer = ReadLayer(node, index, catalogue, nc, indicesKnown, spans, out var module);
                if (layer is null) failed = true;
                else layers.Add(layer);
                // After a line whose module is unknown, later indices are uncertain (a module may span several).
                indicesKnown &= module is not null;
                if (module is { OutputCount: > 1 })
                    spans.Add($"layer {Int(index)} ({module.YamlName}) occupies indices {Int(index)}-{Int(index + module.OutputCount - 1)}, one per output");
                index += module?.OutputCount ?? 1;
            }
            if (failed) return null;

            var unsupported = layers.FirstOrDefault(l => l.Module.Rule == ArgumentRule.UnsupportedHead);
            if (unsupported is not null)
            {
                Report(DiagnosticDescriptors.UnsupportedTaskHead, unsupported.ModuleSpan, unsupported.Module.ReferenceName, Path.GetFileName(filePath));
                return null;
            }
            return CheckHead(layers, head) ? layers.ToImmutableEquatableArray() : null;
        }

        private YamlList? ReadSection(string key)
        {
            var entry = Find(key);
            if (entry is null)
            {
                Report(DiagnosticDescriptors.MissingKey, root.Span.StartCaret, key, $"add a '{key}:' list of [from, repeats, module, args] layers");
                return null;
            }
            if (entry.Value is YamlList list) return list;
            Report(DiagnosticDescriptors.InvalidValue, IsEmpty(entry.Value) ? entry.Key.Span : entry.Value.Span, key,
                "a list of [from, repeats, module, args] layers", Describe(entry.Value));
            return null;
        }

        private LayerSpec? ReadLayer(YamlValue node, int index, ModuleCatalogue catalogue, int nc, bool indicesKnown, List<string> spans, out ModuleSignature? module)
        {
            var layer = index.ToString(CultureInfo.InvariantCulture);
            module = null;
            if (node is not YamlList { Items.Count: 4 } entry)
            {
                Report(DiagnosticDescriptors.InvalidLayerEntry, node.Span, layer, "found " + Describe(node));
                return null;
            }

            var ok = true;
            module = ReadModule(entry.Items[2], layer, catalogue, ref ok);
            var from = ReadFrom(entry.Items[0], index, indicesKnown, spans, module, ref ok);
            var repeats = ReadRepeats(entry.Items[1], layer, ref ok);
            if (entry.Items[3] is not YamlList args)
            {
                Report(DiagnosticDescriptors.InvalidLayerEntry, entry.Items[3].Span, layer,
                    "its args must be a list such as [64, 3, 2] ([] for none); found " + Describe(entry.Items[3]));
                return null;
            }
            if (!ok || module is null || from is null) return null;

            var fromIsList = entry.Items[0] is YamlList;
            if (module.Input == ModuleInput.Single && fromIsList)
            {
                Report(DiagnosticDescriptors.InputCount, entry.Items[0].Span, layer, module.YamlName, "one input", "a single index such as -1");
                return null;
            }
            if (module.Input == ModuleInput.Multiple && !fromIsList && module.Rule != ArgumentRule.UnsupportedHead)
            {
                Report(DiagnosticDescriptors.InputCount, entry.Items[0].Span, layer, module.YamlName, "a list of inputs", "a list such as [-1, 6]");
                return null;
            }

            var inputs = from.Select(f => f < 0 ? (index == 0 ? -1 : index + f) : f).ToImmutableEquatableArray();
            var arguments = args.Items
                .Select(a => new YamlArgument(PythonValues.EvaluateArgument(PythonValues.FromYaml(a), nc, out var isNc), isNc, a.Span))
                .ToImmutableEquatableArray();
            return new LayerSpec(index, from, fromIsList, inputs, repeats, module, arguments,
                entry.Items[2].Span, entry.Items[0].Span, args.Span, YamlText.Render(entry));
        }

        private ImmutableEquatableArray<int>? ReadFrom(YamlValue node, int index, bool checkRange, List<string> spans, ModuleSignature? module, ref bool ok)
        {
            var items = node is YamlList list ? list.Items.ToList() : [node];
            var values = new List<int>();
            foreach (var item in items)
            {
                if (item is not YamlScalar scalar || PythonValues.FromScalar(scalar) is not IntValue { Value: >= int.MinValue and <= int.MaxValue } value)
                {
                    Report(DiagnosticDescriptors.InvalidValue, item.Span, "from",
                        "-1, an earlier layer's index, or a list of them such as [-1, 6]", Describe(item));
                    ok = false;
                    return null;
                }
                var f = (int)value.Value;
                values.Add(f);
                if (!checkRange) continue; // an earlier unknown module leaves the indices uncertain
                var reach = index == 0
                    ? "the first layer reads the input image, written -1"
                    : $"use -1 … -{index} (counted back from this layer) or an index from 0 to {index - 1}"
                        + (spans.Count == 0 ? "" : " (" + string.Join("; ", spans) + ")");
                var layer = index.ToString(CultureInfo.InvariantCulture);
                if (f < 0 && (index == 0 ? f != -1 : index + f < 0))
                {
                    Report(DiagnosticDescriptors.FromOutOfRange, item.Span, layer, Int(f), reach);
                    ok = false;
                }
                else if (f >= index)
                {
                    Report(DiagnosticDescriptors.FromPointsForward, item.Span, layer, Int(f), reach);
                    ok = false;
                }
            }
            if (values.Count == 0)
            {
                if (module?.Input == ModuleInput.Multiple)
                    Report(DiagnosticDescriptors.InputCount, node.Span, Int(index), module.YamlName, "at least one input",
                        module.Output == ModuleOutput.Detection ? "the list of its input layers, finest stride first, such as [16, 19, 22]" : "a list such as [-1, 6]");
                else
                    Report(DiagnosticDescriptors.InvalidValue, node.Span, "from", "-1, an earlier layer's index, or a non-empty list of them", "[]");
                ok = false;
            }
            return values.ToImmutableEquatableArray();
        }

        private long ReadRepeats(YamlValue node, string layer, ref bool ok)
        {
            if (node is YamlScalar scalar && PythonValues.FromScalar(scalar) is IntValue { Value: >= 1 and <= MaxRepeats } n) return n.Value;
            Report(DiagnosticDescriptors.InvalidRepeats, node.Span, layer, Describe(node));
            ok = false;
            return 1;
        }

        private ModuleSignature? ReadModule(YamlValue node, string layer, ModuleCatalogue catalogue, ref bool ok)
        {
            if (node is YamlScalar scalar && PythonValues.FromScalar(scalar) is StringValue name)
            {
                var module = catalogue.Find(name.Value);
                if (module is not null) return module;
                Report(DiagnosticDescriptors.UnknownModule, node.Span, layer, name.Value, catalogue.ExplainUnknown(name.Value));
            }
            else
            {
                Report(DiagnosticDescriptors.UnknownModule, node.Span, layer, YamlText.Render(node), "; the module must be a name such as Conv");
            }
            ok = false;
            return null;
        }

        private bool CheckHead(List<LayerSpec> layers, YamlList head)
        {
            var heads = layers.Where(l => l.Module.Output == ModuleOutput.Detection).ToList();
            if (heads.Count == 0)
            {
                var where = layers.Count > 0 ? layers[layers.Count - 1].ModuleSpan : head.Span.StartCaret;
                var last = layers.Count > 0 ? $"the last layer is {layers[layers.Count - 1].Module.YamlName}" : "there are no layers";
                Report(DiagnosticDescriptors.MissingDetectHead, where, last + "; end 'head' with a line such as [[16, 19, 22], 1, Detect, [nc]]");
                return false;
            }
            var ok = true;
            foreach (var misplaced in heads.Where(h => !ReferenceEquals(h, layers[layers.Count - 1])))
            {
                Report(DiagnosticDescriptors.MissingDetectHead, misplaced.ModuleSpan,
                    $"layer {misplaced.Index} is a Detect head but layers follow it; keep one Detect, as the last line of 'head'");
                ok = false;
            }
            return ok;
        }

        private YamlMapEntry? Find(string key)
        {
            YamlMapEntry? found = null;
            foreach (var entry in root.Entries)
            {
                if (entry.KeyText == key) found = entry; // PyYAML keeps the last of duplicate keys.
            }
            return found;
        }

        private static bool IsEmpty(YamlValue value) =>
            value is YamlScalar scalar && PythonValues.FromScalar(scalar) is NoneValue || value is YamlMap { Entries.Count: 0 };

        private static double? Number(YamlValue node) =>
            node is YamlScalar scalar
                ? PythonValues.FromScalar(scalar) switch
                {
                    IntValue i => i.Value,
                    FloatValue f when !double.IsNaN(f.Value) && !double.IsInfinity(f.Value) => f.Value,
                    _ => null,
                }
                : null;

        private void Report(DiagnosticDescriptor descriptor, SourceSpan span, params string[] args) =>
            diagnostics.Add(DiagnosticInfo.Create(descriptor, filePath, span, args));

        private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A short description of a node for messages: a scalar's Python repr, or what kind of node it is.</summary>
    public static string Describe(YamlValue node) => node switch
    {
        YamlScalar scalar when PythonValues.FromScalar(scalar) is NoneValue => "nothing",
        YamlScalar scalar => PythonValues.Repr(PythonValues.FromScalar(scalar)),
        YamlList list => YamlText.Render(list),
        YamlMap => "a mapping",
        _ => "an unsupported node",
    };
}
