using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using YoloGen.Generator.Catalogue;
using YoloGen.Generator.Diagnostics;
using YoloGen.Generator.Model;

namespace YoloGen.Generator.Resolution;

/// <summary>
/// Resolves a model for one scale exactly as Ultralytics 8.3.0's <c>parse_model</c> does: repeat scaling,
/// channel scaling and rounding, the per-module argument rewriting, plus what the reference leaves to run
/// time: every output's stride, and the argument types the C# constructors need.
/// </summary>
internal static class ScaleResolver
{
    private const int InputChannels = 3;
    private const double MaxChannelCount = 1 << 20;
    private const int MaxStride = 1 << 20;

    public static ResolvedModel? Resolve(ModelSpec spec, ScaleSpec scale, List<DiagnosticInfo> diagnostics)
    {
        var state = new State(spec, scale, diagnostics);
        var layers = new List<ResolvedLayer>(spec.Layers.Count);
        foreach (var layer in spec.Layers)
        {
            var resolved = state.Resolve(layer);
            if (resolved is null) return null; // later layers depend on this one's channels and stride
            layers.Add(resolved);
        }

        var modelName = ModelNaming.ModelName(Path.GetFileNameWithoutExtension(spec.FileName), scale.Letter);
        return new ResolvedModel(spec.FileName, modelName, ModelNaming.ClassName(modelName), scale.Letter,
            scale.DepthText, scale.WidthText, scale.MaxChannelsText, spec.Nc, layers.ToImmutableEquatableArray(), spec.Rules);
    }

    /// <summary>How an argument of the rewritten list came to be, which decides how the C# call writes it.</summary>
    private enum Origin
    {
        /// <summary>Supplied by the graph (input channels, scaled output channels, the head's lists): positional.</summary>
        Graph,

        /// <summary>Written in the YAML (or the repeat count the reference inserts): named.</summary>
        Named,
    }

    private sealed record Arg(ArgValue Value, Origin Origin, SourceSpan? Span, bool IsNc = false);

    /// <summary>The C# code of a rule-dependent argument (read from the network's reference rules at run time).</summary>
    private static Arg Code(string code) => new(new CodeValue(code), Origin.Named, null);

    /// <summary>The rewritten arguments, the output channels (empty for the head), and output strides when the module fixes them.</summary>
    private sealed record Rewritten(List<Arg> Args, int[] Channels, int[]? Strides = null);

    private sealed class State(ModelSpec spec, ScaleSpec scale, List<DiagnosticInfo> diagnostics)
    {
        private readonly List<int> _channels = new();
        private readonly List<int> _strides = new();
        private readonly Dictionary<int, int[]> _lists = new(); // layer index → channels of each map it holds (CBLinear)

        public ResolvedLayer? Resolve(LayerSpec layer)
        {
            var module = layer.Module;
            var repeats = PythonMath.ScaleRepeats(layer.Repeats, scale.Depth);
            if (!CheckListInputs(layer)) return null;
            var rewritten = RewriteArguments(layer, repeats);
            if (rewritten is null || !CheckArguments(layer, rewritten.Args)) return null;
            var args = rewritten.Args;
            var outChannels = rewritten.Channels;

            var instances = 1L;
            if (module.Rule != ArgumentRule.OutputChannelsWithRepeats && repeats > 1)
            {
                var problem = !module.CanChain
                    ? "only modules with one input and one output can be chained in a Sequential"
                    : outChannels[0] != ChannelsOf(layer.Inputs[0])
                        ? $"each copy expects {ChannelsOf(layer.Inputs[0])} input channels but the copy before it gives {outChannels[0]}"
                        : null;
                if (problem is not null)
                {
                    Report(DiagnosticDescriptors.RepeatNotPossible, layer.ModuleSpan, layer, module.YamlName, Long(repeats), problem);
                    return null;
                }
                instances = repeats;
            }

            var strides = rewritten.Strides ?? ResolveStrides(layer, args, instances);
            if (strides is null) return null;

            if (module.Output == ModuleOutput.Detection)
            {
                _channels.Add(0); // the reference records a stale value for the head; nothing may read it
                _strides.Add(strides.Max());
            }
            else if (module.Output == ModuleOutput.TensorList)
            {
                _lists[layer.Index] = outChannels;
                _channels.Add(0); // only CBFuse reads it, by entry
                _strides.Add(strides[0]);
            }
            else
            {
                _channels.AddRange(outChannels);
                _strides.AddRange(strides);
            }

            return new ResolvedLayer(
                layer.Index, layer.From, layer.FromIsList, layer.Inputs, (int)repeats, (int)instances,
                module.ReferenceName, module.TypeName, module.Input, module.Output,
                args.Select(a => a.Value).ToImmutableEquatableArray(),
                ConstructorArguments(module, args.Where(a => a.Value is not CodeValue).ToList(), strides),
                outChannels.ToImmutableEquatableArray(),
                strides.ToImmutableEquatableArray(),
                layer.Yaml)
            {
                Picks = module.Rule == ArgumentRule.Fuse ? Picks(layer) : ImmutableEquatableArray<int>.Empty,
            };
        }

        /// <summary>
        /// parse_model's rewriting of the argument list, per module group, with the output channels (none for the
        /// head) and, for modules that fix them, the output strides.
        /// </summary>
        private Rewritten? RewriteArguments(LayerSpec layer, long repeats)
        {
            var module = layer.Module;
            var yaml = layer.Args.Select(a => new Arg(a.Value, Origin.Named, a.Span, a.IsNc)).ToList();
            switch (module.Rule)
            {
                case ArgumentRule.OutputChannels:
                case ArgumentRule.OutputChannelsWithRepeats:
                {
                    if (yaml.Count == 0)
                    {
                        Report(DiagnosticDescriptors.ArgumentType, layer.ArgsSpan, layer, module.Parameters[1].Name, module.YamlName,
                            "the number of output channels (the first argument)", "no arguments");
                        return null;
                    }
                    var c2 = OutputChannels(layer, yaml[0]);
                    if (c2 is null) return null;
                    var args = new List<Arg> { new(InputChannelsValue(layer), Origin.Graph, null), new(new IntValue(c2.Value), Origin.Graph, yaml[0].Span) };
                    args.AddRange(yaml.Skip(1));
                    if (module.Rule == ArgumentRule.OutputChannelsWithRepeats)
                        args.Insert(2, new Arg(new IntValue(repeats), Origin.Named, null));
                    ForceLargeScaleFlag(module, args);
                    if (module.LargeScaleResidual && scale.Letter.Length > 0 && "lx".IndexOf(scale.Letter, StringComparison.Ordinal) >= 0)
                    {
                        args.Add(new Arg(new BoolValue(true), Origin.Named, null)); // parse_model: args.extend((True, 1.2))
                        args.Add(new Arg(new FloatValue(1.2), Origin.Named, null));
                    }
                    return new Rewritten(args, Each(module, c2.Value));
                }
                case ArgumentRule.SumOfInputs:
                    return new Rewritten(WithInputChannels(layer, yaml), Each(module, layer.Inputs.Sum(ChannelsOf)));
                case ArgumentRule.DetectHead:
                    // parse_model: args.extend([reg_max, end2end, [ch[x] for x in f]]).
                    yaml.Add(new Arg(new IntValue(spec.Rules.RegMax), Origin.Graph, null));
                    yaml.Add(new Arg(spec.Rules.EndToEnd is { } e2e ? new BoolValue(e2e) : NoneValue.Instance, Origin.Graph, null));
                    yaml.Add(new Arg(InputChannelList(layer), Origin.Graph, null));
                    return new Rewritten(yaml, []);
                case ArgumentRule.V10Head:
                    yaml.Add(new Arg(InputChannelList(layer), Origin.Graph, null));
                    return new Rewritten(yaml, []);
                case ArgumentRule.ChannelList:
                {
                    if (yaml.Count == 0 || yaml[0].Value is not ListValue { Items.Count: > 0 } list || list.Items.Any(v => v is not IntValue { Value: >= 1 and <= (long)MaxChannelCount }))
                    {
                        Report(DiagnosticDescriptors.ArgumentType, yaml.Count > 0 ? yaml[0].Span ?? layer.ArgsSpan : layer.ArgsSpan, layer, "c2s", module.YamlName,
                            "a non-empty list of channel counts such as [64, 128]", yaml.Count > 0 ? PythonValues.Repr(yaml[0].Value) : "no arguments");
                        return null;
                    }
                    var args = new List<Arg> { new(InputChannelsValue(layer), Origin.Graph, null), yaml[0] with { Origin = Origin.Graph } };
                    args.AddRange(yaml.Skip(1));
                    return new Rewritten(args, list.Items.Select(v => (int)((IntValue)v).Value).ToArray());
                }
                case ArgumentRule.Fuse:
                    return Fuse(layer, yaml);
                case ArgumentRule.InputChannels:
                {
                    var c1 = ChannelsOf(layer.Inputs[0]);
                    return new Rewritten([new Arg(new IntValue(c1), Origin.Graph, null)], [c1]);
                }
                case ArgumentRule.Passthrough:
                    return new Rewritten(WithInputChannels(layer, yaml), Each(module, ChannelsOf(layer.Inputs[0])));
                case ArgumentRule.Fixed:
                    return new Rewritten(WithInputChannels(layer, yaml), module.FixedChannels!.ToArray());
                case ArgumentRule.EfficientNetV1Backbone:
                case ArgumentRule.EfficientNetV2Backbone:
                    return EfficientNet(layer, yaml, v2: module.Rule == ArgumentRule.EfficientNetV2Backbone);
                default:
                    throw new InvalidOperationException($"Module rule {module.Rule} reached scale resolution.");
            }
        }

        /// <summary>The input channels as a constructor argument: a count, or one per input for a multi-input module.</summary>
        private ArgValue InputChannelsValue(LayerSpec layer) =>
            layer.Module.Input == ModuleInput.Multiple
                ? new ListValue(layer.Inputs.Select(i => (ArgValue)new IntValue(ChannelsOf(i))).ToImmutableEquatableArray())
                : new IntValue(ChannelsOf(layer.Inputs[0]));

        /// <summary>The YAML's arguments, after the input channels when the module's constructor starts with <c>c1</c> (user modules).</summary>
        private List<Arg> WithInputChannels(LayerSpec layer, List<Arg> yaml)
        {
            if (layer.Module.InsertsInputChannels) yaml.Insert(0, new Arg(InputChannelsValue(layer), Origin.Graph, null));
            return yaml;
        }

        /// <summary>The same channel count for every output of the module.</summary>
        private static int[] Each(ModuleSignature module, int channels) => Enumerable.Repeat(channels, module.OutputCount).ToArray();

        /// <summary>An EfficientNet backbone: P1…P5 channels from the shared stage tables, strides 2 … 32 times the input's.</summary>
        private Rewritten? EfficientNet(LayerSpec layer, List<Arg> args, bool v2)
        {
            var module = layer.Module;
            if (!CheckArguments(layer, args)) return null;
            var inputChannels = ChannelsOf(layer.Inputs[0]);
            if (inputChannels != InputChannels)
            {
                Report(DiagnosticDescriptors.InputCount, layer.FromSpan, layer, module.YamlName,
                    $"the {InputChannels}-channel image, not a {inputChannels}-channel feature map", "-1 on the first layer");
                return null;
            }
            var variant = args.Count > 0 ? ((StringValue)args[0].Value).Value : null;
            var width = args.Count > 1 ? Number(args[1].Value) : 1.0;
            var depth = args.Count > 2 ? Number(args[2].Value) : 1.0;
            if (!YoloGen.Nn.EfficientNetSpec.TryCreate(variant, width, depth, v2, out var spec, out var error))
            {
                var where = variant is null ? layer.ArgsSpan : args[YoloGen.Nn.EfficientNetSpec.Normalize(variant) is null ? 0 : 1].Span ?? layer.ArgsSpan;
                Report(DiagnosticDescriptors.ArgumentType, where, layer, "variant", module.YamlName,
                    "a supported variant with positive multiples", error ?? "an unsupported value");
                return null;
            }
            var input = StrideOf(layer.Inputs[0]);
            return new Rewritten(args, spec!.OutputChannels.ToArray(), YoloGen.Nn.EfficientNetSpec.OutputStrides.Select(s => s * input).ToArray());
        }

        private static double Number(ArgValue value) => value switch
        {
            IntValue i => i.Value,
            FloatValue f => f.Value,
            _ => double.NaN,
        };

        /// <summary><c>c2 = make_divisible(min(c2, max_channels) * width, 8) if c2 != nc</c>.</summary>
        private int? OutputChannels(LayerSpec layer, Arg first)
        {
            double? written = first.Value switch
            {
                IntValue i => i.Value,
                FloatValue f when !double.IsNaN(f.Value) => f.Value,
                _ => null,
            };
            var c2 = written is null ? double.NaN
                : written.Value != spec.Nc ? PythonMath.ScaleChannels(written.Value, scale.MaxChannels, scale.Width)
                : written.Value;
            if (c2 >= 1 && c2 <= MaxChannelCount && c2 == Math.Floor(c2)) return (int)c2;

            var expected = written is null ? "the number of output channels" : $"a channel count from 1 to {MaxChannelCount} after scaling";
            Report(DiagnosticDescriptors.ArgumentType, first.Span!.Value, layer, layer.Module.Parameters[1].Name, layer.Module.YamlName,
                expected, PythonValues.Repr(first.Value));
            return null;
        }

        /// <summary>parse_model: <c>if m is C3k2 and scale in "mlx": args[3] = True</c>.</summary>
        private void ForceLargeScaleFlag(ModuleSignature module, List<Arg> args)
        {
            var flag = module.LargeScaleFlag;
            if (flag < 0 || scale.Letter.Length == 0 || "mlx".IndexOf(scale.Letter, StringComparison.Ordinal) < 0) return;
            if (args.Count > flag) args[flag] = args[flag] with { Value = new BoolValue(true), IsNc = false };
            else if (args.Count == flag) args.Add(new Arg(new BoolValue(true), Origin.Named, null)); // the reference would fail with IndexError
        }

        /// <summary>Argument count and types against the constructor's parameters.</summary>
        private bool CheckArguments(LayerSpec layer, List<Arg> args)
        {
            var module = layer.Module;
            var parameters = module.Parameters;
            if (args.Count > parameters.Count)
            {
                var visible = YamlParameters(module);
                Report(DiagnosticDescriptors.ArgumentCount, layer.ArgsSpan, layer, module.YamlName, Long(visible.Count),
                    visible.Count == 0 ? "none" : string.Join(", ", visible), Long(layer.Args.Count));
                return false;
            }
            for (var i = parameters.Count - 1; i >= args.Count; i--)
            {
                if (!parameters[i].Required) continue;
                // Only user modules have required parameters; the graph fills the ones before the YAML's.
                var visible = YamlParameters(module);
                var needed = i + 1 - (parameters.Count - visible.Count);
                Report(DiagnosticDescriptors.MissingArgument, layer.ArgsSpan, layer, module.YamlName, Long(needed),
                    string.Join(", ", visible.Take(needed)), parameters[i].Name, Long(layer.Args.Count));
                return false;
            }
            for (var i = 0; i < args.Count; i++)
            {
                var parameter = parameters[i];
                var value = args[i].Value;
                var accepted = parameter.InConstructor ? Accepts(parameter.Type, value) : value is NoneValue;
                if (accepted) continue;
                var expected = !parameter.InConstructor
                    ? "None (YoloGen's " + module.TypeName + " has no '" + parameter.Name + "' parameter)"
                    : parameter.Type == ArgType.Unsupported
                        ? $"left out: its C# type {parameter.CSharpType} has no YAML form, so it keeps its default"
                        : Describe(parameter.Type);
                Report(DiagnosticDescriptors.ArgumentType, args[i].Span ?? layer.ArgsSpan, layer, parameter.Name, module.YamlName,
                    expected, PythonValues.Repr(value));
                return false;
            }
            return true;
        }

        private int[]? ResolveStrides(LayerSpec layer, List<Arg> args, long instances)
        {
            var module = layer.Module;
            var input = StrideOf(layer.Inputs[0]);
            switch (module.Stride)
            {
                case StrideRule.Unchanged:
                    return [input];
                case StrideRule.MultipliedByArgument:
                {
                    var factor = module.StrideArgument < args.Count ? ((IntValue)args[module.StrideArgument].Value).Value : 1;
                    var total = input * Math.Pow(factor, instances); // chained copies each apply the factor
                    if (factor < 1 || total > MaxStride)
                    {
                        Report(DiagnosticDescriptors.InvalidStride, args[module.StrideArgument].Span ?? layer.ArgsSpan, layer,
                            $"the stride s must be a positive integer giving a total stride up to {MaxStride}; found {factor}");
                        return null;
                    }
                    return [(int)total];
                }
                case StrideRule.DividedByArgument:
                {
                    var arg = module.StrideArgument < args.Count ? args[module.StrideArgument] : null;
                    double? factor = arg?.Value switch { IntValue i => i.Value, FloatValue f => f.Value, _ => null };
                    if (factor is null or <= 0 || double.IsNaN(factor.Value))
                    {
                        Report(DiagnosticDescriptors.InvalidStride, arg?.Span ?? layer.ArgsSpan, layer,
                            $"{module.YamlName} needs a positive scale factor as its second argument, such as [None, 2, \"nearest\"]");
                        return null;
                    }
                    var stride = input / Math.Pow(factor.Value, instances);
                    if (stride < 1 || Math.Abs(stride - Math.Round(stride)) > 1e-9)
                    {
                        Report(DiagnosticDescriptors.InvalidStride, arg!.Span ?? layer.ArgsSpan, layer,
                            $"upsampling a stride-{input} input by {PythonValues.Repr(arg.Value)} gives stride {stride.ToString("0.###", CultureInfo.InvariantCulture)}; the stride must stay a whole number of input pixels (at least 1)");
                        return null;
                    }
                    return [(int)Math.Round(stride)];
                }
                case StrideRule.SameAcrossInputs:
                    return CommonStride(layer) is { } shared ? [shared] : null;
                case StrideRule.LastInput:
                    return [StrideOf(layer.Inputs[layer.Inputs.Count - 1])];
                case StrideRule.Pool:
                {
                    // nn.MaxPool2d(kernel_size, stride=None): a None stride is the kernel size.
                    var arg = module.StrideArgument < args.Count && args[module.StrideArgument].Value is IntValue ? args[module.StrideArgument] : args.Count > 0 ? args[0] : null;
                    var factor = arg?.Value is IntValue { Value: >= 1 } i ? i.Value : 0;
                    var total = input * Math.Pow(factor, instances);
                    if (factor < 1 || total > MaxStride)
                    {
                        Report(DiagnosticDescriptors.InvalidStride, arg?.Span ?? layer.ArgsSpan, layer,
                            $"the pooling stride must be a positive integer giving a total stride up to {MaxStride}");
                        return null;
                    }
                    return [(int)total];
                }
                case StrideRule.Factors:
                {
                    if (CommonStride(layer) is not { } common) return null;
                    var result = new int[module.StrideFactors!.Count];
                    for (var k = 0; k < result.Length; k++)
                    {
                        var factor = module.StrideFactors[k];
                        var stride = common * Math.Pow(factor, instances);
                        if (stride >= 1 && stride <= MaxStride && Math.Abs(stride - Math.Round(stride)) <= 1e-9)
                        {
                            result[k] = (int)Math.Round(stride);
                            continue;
                        }
                        var copies = instances > 1 ? $" in each of {Long(instances)} copies" : "";
                        Report(DiagnosticDescriptors.InvalidStride, layer.ModuleSpan, layer,
                            $"{module.YamlName} multiplies the stride by {PythonValues.FloatRepr(factor)}{copies}, so its stride-{Long(common)} input gives stride {stride.ToString("0.###", CultureInfo.InvariantCulture)}; the stride must stay a whole number of input pixels from 1 to {Long(MaxStride)}");
                        return null;
                    }
                    return result;
                }
                case StrideRule.Head:
                    return layer.Inputs.Select(StrideOf).ToArray();
                default: // PerOutput strides come with the rewritten arguments
                    throw new InvalidOperationException($"Stride rule {module.Stride} is not handled.");
            }
        }

        /// <summary>
        /// The C# call: channels and the head's lists positional, YAML-written arguments named. A parameter the
        /// C# constructor lacks is left out (the checks made sure it held the default). Detect gets its strides.
        /// </summary>
        private ImmutableEquatableArray<ConstructorArgument> ConstructorArguments(ModuleSignature module, List<Arg> args, int[] strides)
        {
            var rules = spec.Rules;
            var result = new List<ConstructorArgument>();
            var skipped = false;
            for (var i = 0; i < args.Count; i++)
            {
                var parameter = module.Parameters[i];
                if (!parameter.InConstructor)
                {
                    skipped = true;
                    continue;
                }
                var named = skipped || args[i].Origin == Origin.Named;
                result.Add(new ConstructorArgument(named ? parameter.Name : null, parameter.Type, args[i].Value, args[i].IsNc && args[i].Origin == Origin.Named));
            }
            if (module.Stride == StrideRule.Head)
                result.Add(new ConstructorArgument(null, ArgType.Int32List, new ListValue(strides.Select(s => (ArgValue)new IntValue(s)).ToImmutableEquatableArray())));
            switch (module.Extra)
            {
                case ExtraArgument.SppfActivation:
                    result.Add(new ConstructorArgument("cv1Act", ArgType.Bool, new CodeValue("Reference.SppfCv1Activation")));
                    break;
                case ExtraArgument.HeadRules:
                    if (rules.Legacy) result.Add(new ConstructorArgument("legacy", ArgType.Bool, new CodeValue("Reference.LegacyHeads")));
                    result.Add(new ConstructorArgument("boxBias", ArgType.Float, new CodeValue("Reference.BoxBiasInit")));
                    break;
                case ExtraArgument.BoxBias:
                    result.Add(new ConstructorArgument("boxBias", ArgType.Float, new CodeValue("Reference.BoxBiasInit")));
                    break;
            }

            // A named argument may not precede a positional one of a later position: write those positionally too
            // (Detect's YAML-given nc comes before the graph-supplied channel list).
            var positionalFrom = -1;
            for (var i = result.Count - 1; i >= 0; i--)
            {
                if (result[i].Name is null)
                {
                    positionalFrom = i;
                    break;
                }
            }
            for (var i = 0; i < positionalFrom; i++) result[i] = result[i] with { Name = null };
            return result.ToImmutableEquatableArray();
        }

        private ListValue InputChannelList(LayerSpec layer) =>
            new(layer.Inputs.Select(i => (ArgValue)new IntValue(ChannelsOf(i))).ToImmutableEquatableArray());

        /// <summary>A layer holding several maps (CBLinear) is read only by CBFuse, which picks one entry of it.</summary>
        private bool CheckListInputs(LayerSpec layer)
        {
            if (layer.Module.Rule == ArgumentRule.Fuse) return true;
            foreach (var input in layer.Inputs)
            {
                if (input < 0 || !_lists.ContainsKey(input)) continue;
                Report(DiagnosticDescriptors.ListInputMisused, layer.FromSpan, layer, layer.Module.YamlName, Long(input), Long(_lists[input].Length));
                return false;
            }
            return true;
        }

        /// <summary>The entry CBFuse picks from each listed input (-1 for the last input, used whole).</summary>
        private ImmutableEquatableArray<int> Picks(LayerSpec layer)
        {
            var idx = layer.Args.Count > 0 && layer.Args[0].Value is ListValue list ? list.Items.Select(v => (int)((IntValue)v).Value).ToList() : [];
            return layer.Inputs.Select((input, i) => i < layer.Inputs.Count - 1 ? idx[i] : -1).ToImmutableEquatableArray();
        }

        /// <summary>
        /// CBFuse: <c>idx</c> names one entry of each input but the last, which must be a list-holding layer (CBLinear);
        /// each picked map must have the last input's channels and a stride it can be resized from by a whole factor.
        /// </summary>
        private Rewritten? Fuse(LayerSpec layer, List<Arg> yaml)
        {
            var module = layer.Module;
            var count = layer.Inputs.Count - 1;
            if (yaml.Count != 1 || yaml[0].Value is not ListValue list || list.Items.Count != count || list.Items.Any(v => v is not IntValue))
            {
                Report(DiagnosticDescriptors.ArgumentType, yaml.Count > 0 ? yaml[0].Span ?? layer.ArgsSpan : layer.ArgsSpan, layer, "idx", module.YamlName,
                    $"one list of {Long(count)} entry indices, one per input before the last (such as [[0, 0]])", yaml.Count > 0 ? PythonValues.Repr(yaml[0].Value) : "no arguments");
                return null;
            }
            var last = layer.Inputs[count];
            if (last >= 0 && _lists.ContainsKey(last))
            {
                Report(DiagnosticDescriptors.FusePick, layer.FromSpan, layer, $"its last input, layer {Long(last)}, holds several maps; the last input must be one map, the size the others are resized to");
                return null;
            }
            var target = ChannelsOf(last);
            var targetStride = StrideOf(last);
            for (var i = 0; i < count; i++)
            {
                var input = layer.Inputs[i];
                var where = list.Items.Count > i ? yaml[0].Span ?? layer.ArgsSpan : layer.ArgsSpan;
                var pick = ((IntValue)list.Items[i]).Value;
                if (input < 0 || !_lists.TryGetValue(input, out var entries))
                {
                    Report(DiagnosticDescriptors.FusePick, layer.FromSpan, layer, $"input {Long(i)} ({(input < 0 ? "the image" : "layer " + Long(input))}) holds one map; every input but the last must be a CBLinear layer to pick from");
                    return null;
                }
                if (pick < 0 || pick >= entries.Length)
                {
                    Report(DiagnosticDescriptors.FusePick, where, layer, $"idx[{Long(i)}] = {Long(pick)} picks no map of layer {Long(input)}, which holds {Long(entries.Length)} (0 … {Long(entries.Length - 1)})");
                    return null;
                }
                var stride = StrideOf(input);
                if (entries[pick] != target || stride < targetStride || stride % targetStride != 0)
                {
                    var why = entries[pick] != target
                        ? $"it has {Long(entries[pick])} channels, the last input {Long(target)}; the maps are summed"
                        : $"its stride {Long(stride)} cannot be resized to the last input's stride {Long(targetStride)} by a whole factor";
                    Report(DiagnosticDescriptors.FusePick, where, layer, $"map {Long(pick)} of layer {Long(input)} cannot be fused: {why}");
                    return null;
                }
            }
            return new Rewritten(yaml, [target]);
        }

        /// <summary>The stride all inputs share; YG0012 when they differ.</summary>
        private int? CommonStride(LayerSpec layer)
        {
            var strides = layer.Inputs.Select(StrideOf).ToArray();
            if (strides.Distinct().Count() <= 1) return strides[0];
            var detail = string.Join(", ", layer.Inputs.Select(i => (i < 0 ? "the input" : "layer " + Long(i)) + " at stride " + Long(StrideOf(i))));
            Report(DiagnosticDescriptors.StrideMismatch, layer.FromSpan, layer, layer.Module.YamlName, detail);
            return null;
        }

        private int ChannelsOf(int input) => input < 0 ? InputChannels : _channels[input];


        private int StrideOf(int input) => input < 0 ? 1 : _strides[input];

        private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, SourceSpan span, LayerSpec layer, params string[] args)
        {
            var all = new string[args.Length + 1];
            all[0] = Long(layer.Index);
            args.CopyTo(all, 1);
            diagnostics.Add(DiagnosticInfo.Create(descriptor, spec.FilePath, span, all));
        }
    }

    /// <summary>The parameters a YAML line writes, in order (those the reference does not fill in itself).</summary>
    private static List<string> YamlParameters(ModuleSignature module)
    {
        var names = module.Parameters.Select(p => p.Name).ToList();
        return module.Rule switch
        {
            ArgumentRule.OutputChannels => names.Skip(1).ToList(),
            ArgumentRule.OutputChannelsWithRepeats => names.Skip(1).Take(1).Concat(names.Skip(3)).ToList(),
            ArgumentRule.DetectHead => names.Take(names.Count - 3).ToList(), // parse_model appends reg_max, end2end, channels
            ArgumentRule.V10Head => names.Take(names.Count - 1).ToList(),
            ArgumentRule.ChannelList => names.Skip(1).ToList(),
            ArgumentRule.InputChannels => [],
            _ when module.InsertsInputChannels => names.Skip(1).ToList(),
            _ => names,
        };
    }

    private static bool Accepts(ArgType type, ArgValue value) => type switch
    {
        ArgType.Int => value is IntValue,
        ArgType.Int32 => value is IntValue { Value: >= int.MinValue and <= int.MaxValue },
        ArgType.Float or ArgType.Float32 => value is IntValue or FloatValue,
        ArgType.Bool => value is BoolValue,
        ArgType.String => value is StringValue,
        ArgType.OptionalInt => value is NoneValue or IntValue,
        ArgType.OptionalBool => value is NoneValue or BoolValue,
        ArgType.OptionalIntPair => value is NoneValue || value is ListValue { Items.Count: 2 } pair && pair.Items.All(v => v is IntValue),
        ArgType.IntList or ArgType.Int32List => value is ListValue list && list.Items.All(v => v is IntValue),
        _ => false,
    };

    private static string Describe(ArgType type) => type switch
    {
        ArgType.Int => "an integer",
        ArgType.Int32 => "a 32-bit integer",
        ArgType.Float or ArgType.Float32 => "a number",
        ArgType.Bool => "True or False",
        ArgType.String => "a string",
        ArgType.OptionalInt => "an integer or None",
        ArgType.OptionalBool => "True, False or None",
        ArgType.OptionalIntPair => "a pair of integers such as [3, 3], or None",
        ArgType.IntList or ArgType.Int32List => "a list of integers",
        _ => "left out",
    };

    private static string Long(long value) => value.ToString(CultureInfo.InvariantCulture);
}
