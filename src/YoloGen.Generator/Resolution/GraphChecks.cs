using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using YoloGen.Generator.Catalogue;
using YoloGen.Generator.Diagnostics;
using YoloGen.Generator.Model;

namespace YoloGen.Generator.Resolution;

/// <summary>
/// Checks of the layer graph as a whole, which no single layer's resolution can make: outputs nobody reads,
/// arguments that state input channels the graph does not deliver, and the order of the head's inputs.
/// Ultralytics finds none of these (the first two silently, the last only as oddly matched anchors at run time).
/// </summary>
internal static class GraphChecks
{
    /// <summary>A scale with no scaling at all: channels exactly as written in the YAML (width 1, no max_channels).</summary>
    private static readonly ScaleSpec s_asWritten = new("", 1.0, 1.0, double.PositiveInfinity, "1.0", "1.0", "", SourceSpan.FileStart);

    /// <summary>Scale-independent checks; false when one of them is an error (then no scale is generated).</summary>
    public static bool CheckSpec(ModelSpec spec, List<DiagnosticInfo> diagnostics)
    {
        ReportUnusedLayers(spec, diagnostics);
        return CheckStatedInputChannels(spec, diagnostics);
    }

    /// <summary>Per scale: the head reads its inputs from fine to coarse (the anchors and the loss assume that order).</summary>
    public static bool CheckHead(ModelSpec spec, ResolvedModel model, List<DiagnosticInfo> diagnostics)
    {
        var head = model.Layers[model.Layers.Count - 1];
        if (!head.IsHead) return true;
        var strides = head.Strides;
        var increasing = true;
        for (var i = 1; i < strides.Count; i++) increasing &= strides[i] > strides[i - 1];
        if (increasing) return true;

        var found = string.Join(", ", head.Inputs.Select((input, i) => Describe(input) + " at stride " + Int(strides[i])));
        var fix = strides.Distinct().Count() == strides.Count
            ? "write 'from' as [" + string.Join(", ", head.From.Select((f, i) => (f, s: strides[i])).OrderBy(p => p.s).Select(p => Int(p.f))) + "]"
            : "take each input from a different level (one per stride)";
        var layer = spec.Layers[spec.Layers.Count - 1];
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DetectInputOrder, spec.FilePath, layer.FromSpan,
            Int(head.Index), layer.Module.YamlName, found, fix));
        return false;
    }

    private static void ReportUnusedLayers(ModelSpec spec, List<DiagnosticInfo> diagnostics)
    {
        var read = new HashSet<int>(spec.Layers.SelectMany(l => l.Inputs));
        foreach (var layer in spec.Layers.Take(spec.Layers.Count - 1))
        {
            if (Enumerable.Range(layer.Index, layer.Module.OutputCount).Any(read.Contains)) continue;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnusedLayer, spec.FilePath, layer.ModuleSpan,
                Int(layer.Index), layer.Module.YamlName));
        }
    }

    /// <summary>
    /// Modules whose channels come from their input (SE) ignore their YAML argument, as the reference does; when
    /// the argument is there it states the input channels, and a wrong one is a wiring mistake the reference hides.
    /// Compared with the channels as written (the same for every scale), so a YAML that says [1024] after a
    /// 1024-channel layer is right at every width.
    /// </summary>
    private static bool CheckStatedInputChannels(ModelSpec spec, List<DiagnosticInfo> diagnostics)
    {
        var stating = spec.Layers.Where(l => l.Module.Rule == ArgumentRule.InputChannels && l.Args.Count > 0).ToList();
        if (stating.Count == 0) return true;

        // Anything after the stated channels would be ignored silently (SE [1024, 8] does not set the reduction).
        var ok = true;
        foreach (var layer in stating.Where(l => l.Args.Count > 1))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ArgumentCount, spec.FilePath, layer.ArgsSpan,
                Int(layer.Index), layer.Module.YamlName, "1", "its input channels, optional", Int(layer.Args.Count)));
            ok = false;
        }

        // Problems of this unscaled resolution are the scales' to report, at their own multiples.
        var asWritten = ScaleResolver.Resolve(spec, s_asWritten, new List<DiagnosticInfo>());
        if (asWritten is null) return ok;
        var channels = new Dictionary<int, int> { [-1] = 3 };
        foreach (var resolved in asWritten.Layers)
        {
            for (var k = 0; k < resolved.OutChannels.Count; k++) channels[resolved.Index + k] = resolved.OutChannels[k];
        }

        foreach (var layer in stating)
        {
            var stated = layer.Args[0];
            if (stated.Value is not IntValue { Value: var c } || !channels.TryGetValue(layer.Inputs[0], out var actual) || c == actual) continue;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ChannelMismatch, spec.FilePath, stated.Span,
                Int(layer.Index), layer.Module.YamlName, c.ToString(CultureInfo.InvariantCulture), Describe(layer.Inputs[0]), Int(actual)));
            ok = false;
        }
        return ok;
    }

    private static string Describe(int input) => input < 0 ? "the input image" : "layer " + Int(input);

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
