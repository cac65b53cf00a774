using System.Collections.Generic;
using YoloGen.Generator.Model;

namespace YoloGen.Generator.Catalogue;

/// <summary>Spatial pyramid pooling (block.py): SPP, SPPF, SPPELAN.</summary>
internal static partial class BuiltInModules
{
    private static IEnumerable<ModuleSignature> Pooling()
    {
        yield return Channels("SPP", strideArgument: -1,
            P("c1", ArgType.Int), P("c2", ArgType.Int), P("k", ArgType.IntList));
        // 8.4 adds n and shortcut; the cv1 activation (SiLU before 8.4, none after) follows the network's reference rules.
        yield return Channels("SPPF", strideArgument: -1,
            P("c1", ArgType.Int), P("c2", ArgType.Int), P("k", ArgType.Int), P("n", ArgType.Int), P("shortcut", ArgType.Bool))
            with { Extra = ExtraArgument.SppfActivation };
        yield return Channels("SPPELAN", strideArgument: -1,
            P("c1", ArgType.Int), P("c2", ArgType.Int), P("c3", ArgType.Int), P("k", ArgType.Int));
    }
}
