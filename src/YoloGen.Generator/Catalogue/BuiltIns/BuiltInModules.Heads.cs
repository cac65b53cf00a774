using System.Collections.Generic;
using YoloGen.Generator.Model;

namespace YoloGen.Generator.Catalogue;

/// <summary>
/// The heads (head.py). parse_model appends <c>[reg_max, end2end, [channels of the inputs]]</c> to the
/// Detect family's arguments and only the channel list to v10Detect's; the runtime heads also take the input
/// strides. The task heads of the other tasks are recognised and reported as not generated yet.
/// </summary>
internal static partial class BuiltInModules
{
    private static IEnumerable<ModuleSignature> Heads()
    {
        yield return new ModuleSignature("Detect", "Detect", "Detect", ArgumentRule.DetectHead,
            ImmutableEquatableArray.Create(P("nc", ArgType.Int), P("regMax", ArgType.Int), P("end2end", ArgType.OptionalBool), P("ch", ArgType.IntList)),
            Input: ModuleInput.Multiple, Output: ModuleOutput.Detection, Stride: StrideRule.Head) with { Extra = ExtraArgument.HeadRules };
        yield return new ModuleSignature("v10Detect", "v10Detect", "V10Detect", ArgumentRule.V10Head,
            ImmutableEquatableArray.Create(P("nc", ArgType.Int), P("ch", ArgType.IntList)),
            Input: ModuleInput.Multiple, Output: ModuleOutput.Detection, Stride: StrideRule.Head) with { Extra = ExtraArgument.BoxBias, EndToEnd = true };
        foreach (var name in new[] { "Segment", "Segment26", "Pose", "Pose26", "OBB", "OBB26", "Classify" })
            yield return Unsupported(name);
    }
}
