using System.Collections.Generic;
using YoloGen.Generator.Model;

namespace YoloGen.Generator.Catalogue;

/// <summary>Attention blocks: C2PSA, PSA, and the seed tutorials' SE (alias SEAttention) and SimAM.</summary>
internal static partial class BuiltInModules
{
    private static IEnumerable<ModuleSignature> Attention()
    {
        yield return Repeated("C2PSA",
            P("c1", ArgType.Int), P("c2", ArgType.Int), P("n", ArgType.Int), P("e", ArgType.Float));
        yield return Channels("PSA", strideArgument: -1, P("c1", ArgType.Int), P("c2", ArgType.Int), P("e", ArgType.Float));
        var se = ImmutableEquatableArray.Create(P("c1", ArgType.Int), P("reduction", ArgType.Int));
        yield return new ModuleSignature("SE", "SE", "SE", ArgumentRule.InputChannels, se);
        // The SENet tutorials' name for the same block: same module, same parameter names.
        yield return new ModuleSignature("SEAttention", "SE", "SE", ArgumentRule.InputChannels, se);
        yield return new ModuleSignature("SimAM", "SimAM", "SimAM", ArgumentRule.Passthrough,
            ImmutableEquatableArray.Create(P("lambda", ArgType.Float)));
    }
}
