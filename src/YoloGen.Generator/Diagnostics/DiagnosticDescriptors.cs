using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace YoloGen.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. IDs are stable: never renumber or reuse one (docs/diagnostics.md
/// documents each with a wrong example and the fix). Messages say what is wrong and how to fix it.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "YoloGen";

    public static readonly DiagnosticDescriptor YamlSyntaxError = Error(
        "YG0001", "Invalid YAML",
        "YAML syntax error: {0}");

    public static readonly DiagnosticDescriptor MissingKey = Error(
        "YG0002", "Required key missing",
        "The model file has no '{0}': {1}");

    public static readonly DiagnosticDescriptor InvalidValue = Error(
        "YG0003", "Invalid value",
        "'{0}' must be {1}; found {2}");

    public static readonly DiagnosticDescriptor ScalesIndentationLost = Error(
        "YG0004", "'scales' lost its indentation",
        "'scales' is empty but {0} are top-level keys: the lines under 'scales:' lost their indentation. Indent them under 'scales:' (for example '  n: [0.50, 0.25, 1024]').");

    public static readonly DiagnosticDescriptor InvalidLayerEntry = Error(
        "YG0005", "Invalid layer entry",
        "Layer {0} must be a list [from, repeats, module, args]; {1}");

    public static readonly DiagnosticDescriptor UnknownModule = Error(
        "YG0006", "Unknown module",
        "Layer {0}: unknown module '{1}'{2}");

    public static readonly DiagnosticDescriptor FromOutOfRange = Error(
        "YG0007", "'from' index out of range",
        "Layer {0}: 'from' index {1} refers to no layer; {2}");

    public static readonly DiagnosticDescriptor FromPointsForward = Error(
        "YG0008", "'from' index points forward",
        "Layer {0}: 'from' index {1} is not an earlier layer; {2}");

    public static readonly DiagnosticDescriptor InvalidRepeats = Error(
        "YG0009", "Invalid repeat count",
        "Layer {0}: repeats must be an integer of at least 1; found {1}");

    public static readonly DiagnosticDescriptor ArgumentCount = Error(
        "YG0010", "Too many arguments",
        "Layer {0}: {1} takes at most {2} argument(s) ({3}); the layer passes {4}");

    public static readonly DiagnosticDescriptor ArgumentType = Error(
        "YG0011", "Invalid argument",
        "Layer {0}: argument '{1}' of {2} must be {3}; found {4}");

    public static readonly DiagnosticDescriptor StrideMismatch = Error(
        "YG0012", "Inputs at different strides",
        "Layer {0}: {1} inputs have different strides ({2}); every input must have the same resolution");

    public static readonly DiagnosticDescriptor InputCount = Error(
        "YG0013", "Wrong number of inputs",
        "Layer {0}: {1} takes {2}; write 'from' as {3}");

    public static readonly DiagnosticDescriptor UnsupportedTaskHead = Warning(
        "YG0014", "Task head not supported yet",
        "{0} heads are not supported yet; no class is generated for '{1}' (only Detect models are)");

    public static readonly DiagnosticDescriptor DuplicateClassName = Error(
        "YG0015", "Duplicate model class",
        "Class '{0}' is generated from both '{1}' and '{2}'; rename one of the files");

    public static readonly DiagnosticDescriptor InvalidStride = Error(
        "YG0016", "Invalid stride",
        "Layer {0}: {1}");

    public static readonly DiagnosticDescriptor MissingDetectHead = Error(
        "YG0017", "No Detect head",
        "The last layer must be the Detect head; {0}");

    public static readonly DiagnosticDescriptor RepeatNotPossible = Error(
        "YG0018", "Layer cannot be repeated",
        "Layer {0}: {1} cannot be repeated {2} times: {3}; set repeats to 1");

    public static readonly DiagnosticDescriptor ChannelMismatch = Error(
        "YG0019", "Stated input channels differ from the real ones",
        "Layer {0}: {1}'s argument states {2} input channels but its input ({3}) has {4} (channels as written in the YAML, before width scaling); write [{4}], or leave the argument out ({1} takes its channels from its input)");

    public static readonly DiagnosticDescriptor DetectInputOrder = Error(
        "YG0020", "Detect inputs not at increasing strides",
        "Layer {0}: {1} inputs must be at strictly increasing strides (P3/8, P4/16, P5/32 order); found {2}; {3}");

    public static readonly DiagnosticDescriptor UnusedLayer = Warning(
        "YG0021", "Layer output never used",
        "Layer {0} ({1}) is never used: no later layer reads it, so it is computed and thrown away; read it in a later layer's 'from' (such as [-1, {0}] on a Concat) or delete the line");

    public static readonly DiagnosticDescriptor ChannelsNotPreserved = Error(
        "YG0022", "Output channels must equal input channels",
        "Layer {0}: {1} must output as many channels as it receives: its input has {2} but its argument gives {3}; write the channel count of the layer it reads");

    public static readonly DiagnosticDescriptor MissingArgument = Error(
        "YG0023", "Required argument missing",
        "Layer {0}: {1} needs at least {2} argument(s) ({3}): its constructor's parameter '{4}' has no default; the layer passes {5}");

    public static readonly DiagnosticDescriptor InvalidUserModule = Error(
        "YG0024", "Invalid [YoloModule] class",
        "[YoloModule] class '{0}' cannot be used in model files: {1}");

    public static readonly DiagnosticDescriptor DuplicateUserModule = Error(
        "YG0025", "Module name declared twice",
        "Module name '{0}' is declared by several [YoloModule] classes ({1}); give each class its own YAML name");

    public static readonly DiagnosticDescriptor UserModuleReplacesBuiltIn = Warning(
        "YG0026", "[YoloModule] replaces a built-in module",
        "[YoloModule] class '{0}' replaces the built-in module '{1}' in every model file of this project; give it another YAML name to keep the built-in");

    public static readonly DiagnosticDescriptor InternalError = Error(
        "YG9999", "Internal generator error",
        "YoloGen failed on this file ({0}); no code was generated for it. This is a bug in YoloGen: please report it with the file.");

    public static readonly DiagnosticDescriptor UnknownTopLevelKey = Warning(
        "YG0027", "Unknown top-level key",
        "The model file's key '{0}' is not one the reference reads; it has no effect{1}");

    public static readonly DiagnosticDescriptor UnknownActivation = Error(
        "YG0028", "Unknown activation",
        "'activation' must name a torch.nn activation such as nn.ReLU(); found {0} (supported: {1})");

    public static readonly DiagnosticDescriptor InvalidReference = Warning(
        "YG0029", "Unknown reference version",
        "YoloGenReference '{0}' is not a reference version YoloGen follows (8.4 or 8.3); the file is compiled for 8.4.50");

    public static readonly DiagnosticDescriptor ListInputMisused = Error(
        "YG0030", "A layer holding several maps read as one",
        "Layer {0}: {1} reads layer {2}, which holds {3} maps (CBLinear); only CBFuse picks from such a layer, one map each");

    public static readonly DiagnosticDescriptor FusePick = Error(
        "YG0031", "CBFuse cannot fuse its inputs",
        "Layer {0}: CBFuse {1}");

    private static readonly Dictionary<string, DiagnosticDescriptor> s_byId = Index(
        YamlSyntaxError, MissingKey, InvalidValue, ScalesIndentationLost, InvalidLayerEntry, UnknownModule,
        FromOutOfRange, FromPointsForward, InvalidRepeats, ArgumentCount, ArgumentType, StrideMismatch,
        InputCount, UnsupportedTaskHead, DuplicateClassName, InvalidStride, MissingDetectHead, RepeatNotPossible,
        ChannelMismatch, DetectInputOrder, UnusedLayer, ChannelsNotPreserved, MissingArgument, InvalidUserModule,
        DuplicateUserModule, UserModuleReplacesBuiltIn, UnknownTopLevelKey, UnknownActivation, InvalidReference,
        ListInputMisused, FusePick, InternalError);

    public static IEnumerable<DiagnosticDescriptor> All => s_byId.Values;

    public static DiagnosticDescriptor ById(string id) => s_byId[id];

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    private static Dictionary<string, DiagnosticDescriptor> Index(params DiagnosticDescriptor[] descriptors)
    {
        var byId = new Dictionary<string, DiagnosticDescriptor>();
        foreach (var d in descriptors) byId.Add(d.Id, d);
        return byId;
    }
}
