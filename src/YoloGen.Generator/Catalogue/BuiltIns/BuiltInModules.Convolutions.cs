using System.Collections.Generic;
using YoloGen.Generator.Model;

namespace YoloGen.Generator.Catalogue;

/// <summary>Convolution blocks (conv.py): Conv, DWConv, GhostConv, RepConv's users, SCDown, AConv, ADown, CBLinear.</summary>
internal static partial class BuiltInModules
{
    private static IEnumerable<ModuleSignature> Convolutions()
    {
        yield return Channels("Conv", strideArgument: 3,
            P("c1", ArgType.Int), P("c2", ArgType.Int), P("k", ArgType.Int), P("s", ArgType.Int),
            P("p", ArgType.OptionalInt), P("g", ArgType.Int), P("d", ArgType.Int), P("act", ArgType.Bool));
        yield return Channels("DWConv", strideArgument: 3,
            P("c1", ArgType.Int), P("c2", ArgType.Int), P("k", ArgType.Int), P("s", ArgType.Int),
            P("d", ArgType.Int), P("act", ArgType.Bool));
        yield return Channels("GhostConv", strideArgument: 3,
            P("c1", ArgType.Int), P("c2", ArgType.Int), P("k", ArgType.Int), P("s", ArgType.Int),
            P("g", ArgType.Int), P("act", ArgType.Bool));
        yield return Channels("GhostBottleneck", strideArgument: 3,
            P("c1", ArgType.Int), P("c2", ArgType.Int), P("k", ArgType.Int), P("s", ArgType.Int));
        yield return Channels("Bottleneck", strideArgument: -1,
            P("c1", ArgType.Int), P("c2", ArgType.Int), P("shortcut", ArgType.Bool), P("g", ArgType.Int),
            P("k", ArgType.OptionalIntPair), P("e", ArgType.Float));
        yield return Channels("SCDown", strideArgument: 3,
            P("c1", ArgType.Int), P("c2", ArgType.Int), P("k", ArgType.Int), P("s", ArgType.Int));
        yield return Downsampling("AConv", P("c1", ArgType.Int), P("c2", ArgType.Int));
        yield return Downsampling("ADown", P("c1", ArgType.Int), P("c2", ArgType.Int));
        // parse_model: c2 = args[0] (a list, not scaled); one layer index holding one map per entry.
        yield return new ModuleSignature("CBLinear", "CBLinear", "CBLinear", ArgumentRule.ChannelList,
            ImmutableEquatableArray.Create(P("c1", ArgType.Int), P("c2s", ArgType.IntList), P("k", ArgType.Int), P("s", ArgType.Int),
                P("p", ArgType.OptionalInt), P("g", ArgType.Int)),
            Output: ModuleOutput.TensorList, Stride: StrideRule.MultipliedByArgument, StrideArgument: 3);
        // parse_model: c2 = ch[f[-1]]; picks entry idx[i] of each listed CBLinear, resized to the last input.
        yield return new ModuleSignature("CBFuse", "CBFuse", "CBFuse", ArgumentRule.Fuse,
            ImmutableEquatableArray.Create(P("idx", ArgType.IntList)),
            Input: ModuleInput.Multiple, Stride: StrideRule.LastInput);
    }
}
