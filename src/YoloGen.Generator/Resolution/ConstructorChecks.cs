using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using YoloGen.Generator.Catalogue;
using YoloGen.Generator.Diagnostics;
using YoloGen.Generator.Model;

namespace YoloGen.Generator.Resolution;

/// <summary>
/// What the runtime constructors (and torch) would reject, or silently get wrong, checked per scale on the
/// resolved arguments: kernel, padding and dilation that keep a feature map at input size / stride (the
/// assumption of the stride inference), groups that divide the channels they split, hidden widths of at least
/// one channel, C2PSA's equal channels and attention heads, Concat along channels, and known Upsample modes.
/// </summary>
internal static class ConstructorChecks
{
    private static readonly string[] s_upsampleModes = ["nearest", "nearest-exact", "bilinear", "bicubic"];

    public static bool Check(ModelSpec spec, ResolvedModel model, List<DiagnosticInfo> diagnostics)
    {
        var ok = true;
        for (var i = 0; i < model.Layers.Count && i < spec.Layers.Count; i++)
            ok &= new LayerCheck(spec.FilePath, spec.Layers[i], model.Layers[i], diagnostics).Run();
        return ok;
    }

    private sealed class LayerCheck(string filePath, LayerSpec yaml, ResolvedLayer layer, List<DiagnosticInfo> diagnostics)
    {
        private readonly ModuleSignature _module = yaml.Module;
        private bool _ok = true;

        public bool Run()
        {
            if (!FiniteNumbers() || _module.IsUserModule) return _ok; // a user module's own constructor validates the rest
            switch (_module.ReferenceName)
            {
                case "Conv":
                    ConvLike(Int("p"), Int("g") ?? 1);
                    break;
                case "DWConv":
                    ConvLike(padding: null, groups: 1); // groups = gcd(c1, c2), always a divisor
                    break;
                case "Bottleneck":
                    Bottleneck();
                    break;
                case "C2f":
                case "C3":
                    Grouped(Hidden("e", 0.5), Int("g") ?? 1);
                    break;
                case "C3k2":
                    C3k2();
                    break;
                case "C2PSA":
                    C2PSA();
                    break;
                case "SPPF":
                    OddKernel("k", Int("k") ?? 5, "SPPF's max pooling");
                    break;
                case "Concat":
                    if (Int("dimension") is { } d and not 1 and not -3)
                        Invalid("dimension", "1 (Concat joins feature maps along their channels, which is what the channel sum assumes)", Long(d));
                    break;
                case "Upsample":
                    if (Value("mode") is StringValue { Value: var mode } && !s_upsampleModes.Contains(mode))
                        Invalid("mode", "one of " + string.Join(", ", s_upsampleModes.Select(m => "\"" + m + "\"")), "\"" + mode + "\"");
                    break;
            }
            return _ok;
        }

        private void ConvLike(long? padding, long groups)
        {
            var k = Int("k") ?? 1;
            var d = Int("d") ?? 1;
            var s = Int("s") ?? 1;
            if (k < 1) Invalid("k", "a kernel size of at least 1", Long(k));
            if (d < 1) Invalid("d", "a dilation of at least 1", Long(d));
            if (padding < 0) Invalid("p", "None or a padding of at least 0", Long(padding.Value));
            Groups("g", groups, (C1, "input"), (C2, "output"));
            if (!_ok) return;
            // out = floor((H + 2p − d(k − 1) − 1) / s) + 1 equals H / s for every H divisible by s exactly when
            // 1 − s ≤ 2p − d(k − 1) ≤ 0 (so yolov5's 6×6 stride-2 stem with padding 2 is fine).
            var pad = padding ?? (d > 1 ? d * (k - 1) + 1 : k) / 2;
            var excess = 2 * pad - d * (k - 1);
            if (excess > 0 || excess < 1 - s)
            {
                var what = padding is null ? $"kernel {Long(k)}" : $"kernel {Long(k)} with padding {Long(pad)}";
                var fix = s == 1 && d * (k - 1) % 2 != 0
                    ? "use an odd kernel size (padding None then keeps the size)"
                    : $"use padding {Long(d * (k - 1) / 2)}" + (padding is null ? "" : " or None with an odd kernel");
                Report(DiagnosticDescriptors.InvalidStride, SpanOf(padding is null ? "k" : "p"),
                    $"{what}{(d > 1 ? " and dilation " + Long(d) : "")} changes the feature map size, so the output is not the input size / {Long(s)} and the strides after it would not line up; {fix}");
            }
        }

        private void Bottleneck()
        {
            var hidden = Hidden("e", 0.5);
            var kernels = Value("k") is ListValue { Items.Count: 2 } pair
                ? pair.Items.Select(v => v is IntValue i ? i.Value : 3).ToArray()
                : [3L, 3L];
            foreach (var k in kernels) OddKernel("k", k, "Bottleneck's convolutions");
            Grouped(hidden, Int("g") ?? 1, alsoDivides: C2);
        }

        private void C3k2()
        {
            var width = Hidden("e", 0.5);
            if (width is null) return;
            var c3k = Value("c3k") is BoolValue { Value: true };
            var inner = width.Value / 2; // C3k and Bottleneck both halve it again (e = 0.5)
            if (inner < 1)
            {
                Invalid("e", $"large enough that the inner blocks get a channel (c2 · e / 2 ≥ 1 with c2 = {Long(C2)})", Repr("e"));
                return;
            }
            Grouped(inner, Int("g") ?? 1, alsoDivides: c3k ? null : width);
        }

        private void C2PSA()
        {
            if (C1 != C2)
            {
                Report(DiagnosticDescriptors.ChannelsNotPreserved, SpanOf("c2"), _module.YamlName, Long(C1), Long(C2));
                return;
            }
            var hidden = Hidden("e", 0.5);
            if (hidden is < 64)
            {
                var at = Value("e") is null ? "c2" : "e";
                Invalid(at, $"large enough for one attention head: C2PSA's attention has c2 · e / 64 heads, and c2 · e is {Long(hidden.Value)} here (c2 = {Long(C2)})",
                    Repr(at));
            }
        }

        private void Grouped(long? hidden, long groups, long? alsoDivides = null)
        {
            if (hidden is null) return;
            if (alsoDivides is null) Groups("g", groups, (hidden.Value, "hidden"));
            else Groups("g", groups, (hidden.Value, "hidden"), (alsoDivides.Value, "output"));
        }

        /// <summary>int(c2 · e), the block's hidden width, which must be at least one channel.</summary>
        private long? Hidden(string parameter, double fallback)
        {
            var e = Number(parameter) ?? fallback;
            var hidden = (long)Math.Floor(C2 * e);
            if (e > 0 && hidden >= 1) return hidden;
            Invalid(parameter, $"a positive fraction with int(c2 · {parameter}) ≥ 1 (c2 = {Long(C2)})", Repr(parameter));
            return null;
        }

        private void Groups(string parameter, long groups, params (long Channels, string Name)[] split)
        {
            if (groups >= 1 && split.All(s => s.Channels % groups == 0)) return;
            var channels = string.Join(" and ", split.Select(s => $"{s.Name} channels ({Long(s.Channels)})"));
            Invalid(parameter, $"a group count of at least 1 that divides the {channels}", Long(groups));
        }

        private void OddKernel(string parameter, long k, string what)
        {
            if (k < 1) Invalid(parameter, "a kernel size of at least 1", Long(k));
            else if (k % 2 == 0)
                Report(DiagnosticDescriptors.InvalidStride, SpanOf(parameter),
                    $"{what} with kernel {Long(k)} changes the feature map size (padding k / 2 keeps it only for odd k), so the strides after it would not line up; use an odd kernel size such as 3 or 5");
        }

        /// <summary>Float parameters hold finite numbers (YAML's .nan and .inf load as floats).</summary>
        private bool FiniteNumbers()
        {
            for (var i = 0; i < layer.Args.Count && i < _module.Parameters.Count; i++)
            {
                var type = _module.Parameters[i].Type;
                if (type is not (ArgType.Float or ArgType.Float32) || layer.Args[i] is not FloatValue { Value: var v }) continue;
                if (!double.IsNaN(v) && !double.IsInfinity(v) && (type == ArgType.Float || Math.Abs(v) <= float.MaxValue)) continue;
                Invalid(_module.Parameters[i].Name, type == ArgType.Float ? "a finite number" : "a finite number within float's range", PythonValues.Repr(layer.Args[i]));
            }
            return _ok;
        }

        private long C1 => Int("c1") ?? 0;

        private long C2 => Int("c2") ?? 0;

        private ArgValue? Value(string parameter)
        {
            var index = IndexOf(parameter);
            return index >= 0 && index < layer.Args.Count ? layer.Args[index] : null;
        }

        private long? Int(string parameter) => Value(parameter) is IntValue i ? i.Value : null;

        private double? Number(string parameter) => Value(parameter) switch
        {
            IntValue i => i.Value,
            FloatValue f => f.Value,
            _ => null,
        };

        private string Repr(string parameter) => Value(parameter) is { } v ? PythonValues.Repr(v) : "the default";

        private int IndexOf(string parameter)
        {
            for (var i = 0; i < _module.Parameters.Count; i++)
                if (_module.Parameters[i].Name == parameter) return i;
            return -1;
        }

        /// <summary>The YAML node of a parameter: parse_model inserts c1 (and n) before the YAML's own arguments.</summary>
        private SourceSpan SpanOf(string parameter)
        {
            var index = IndexOf(parameter);
            var yamlIndex = _module.Rule switch
            {
                ArgumentRule.OutputChannels => index - 1,
                ArgumentRule.OutputChannelsWithRepeats => index switch { 0 or 2 => -1, 1 => 0, _ => index - 2 },
                _ => _module.InsertsInputChannels ? index - 1 : index,
            };
            return yamlIndex >= 0 && yamlIndex < yaml.Args.Count ? yaml.Args[yamlIndex].Span : yaml.ArgsSpan;
        }

        private void Invalid(string parameter, string expected, string found) =>
            Report(DiagnosticDescriptors.ArgumentType, SpanOf(parameter), parameter, _module.YamlName, expected, found);

        private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, SourceSpan span, params string[] args)
        {
            diagnostics.Add(DiagnosticInfo.Create(descriptor, filePath, span, [Long(layer.Index), .. args]));
            _ok = false;
        }
    }

    private static string Long(long value) => value.ToString(CultureInfo.InvariantCulture);
}
