using System.Collections.Generic;
using YoloGen.Generator.Model;

namespace YoloGen.Generator.Catalogue;

/// <summary>Cross-stage blocks that fold their repeats (block.py): C2, C2f, C3, C3Ghost, C3k2, C2fCIB, A2C2f, and the ELAN family.</summary>
internal static partial class BuiltInModules
{
    private static IEnumerable<ModuleSignature> CspBlocks()
    {
        foreach (var name in new[] { "C2", "C3", "C3Ghost" })
            yield return Repeated(name,
                P("c1", ArgType.Int), P("c2", ArgType.Int), P("n", ArgType.Int), P("shortcut", ArgType.Bool),
                P("g", ArgType.Int), P("e", ArgType.Float));
        yield return Repeated("C2f",
            P("c1", ArgType.Int), P("c2", ArgType.Int), P("n", ArgType.Int), P("shortcut", ArgType.Bool),
            P("g", ArgType.Int), P("e", ArgType.Float));
        // parse_model: "if m is C3k2: legacy = False; if scale in 'mlx': args[3] = True"; 8.4 adds 'attn'.
        yield return Repeated("C3k2",
            P("c1", ArgType.Int), P("c2", ArgType.Int), P("n", ArgType.Int), P("c3k", ArgType.Bool),
            P("e", ArgType.Float), P("attn", ArgType.Bool), P("g", ArgType.Int), P("shortcut", ArgType.Bool))
            with { LargeScaleFlag = 3, ClearsLegacy = true };
        yield return Repeated("C2fCIB",
            P("c1", ArgType.Int), P("c2", ArgType.Int), P("n", ArgType.Int), P("shortcut", ArgType.Bool),
            P("lk", ArgType.Bool), P("g", ArgType.Int), P("e", ArgType.Float)) with { ClearsLegacy = true };
        // parse_model: "if m is A2C2f: legacy = False; if scale in 'lx': args.extend((True, 1.2))".
        yield return Repeated("A2C2f",
            P("c1", ArgType.Int), P("c2", ArgType.Int), P("n", ArgType.Int), P("a2", ArgType.Bool), P("area", ArgType.Int),
            P("residual", ArgType.Bool), P("mlpRatio", ArgType.Float), P("e", ArgType.Float), P("g", ArgType.Int),
            P("shortcut", ArgType.Bool)) with { ClearsLegacy = true, LargeScaleResidual = true };
        yield return Channels("RepNCSPELAN4", strideArgument: -1,
            P("c1", ArgType.Int), P("c2", ArgType.Int), P("c3", ArgType.Int), P("c4", ArgType.Int), P("n", ArgType.Int));
        yield return Channels("ELAN1", strideArgument: -1,
            P("c1", ArgType.Int), P("c2", ArgType.Int), P("c3", ArgType.Int), P("c4", ArgType.Int));
    }
}
