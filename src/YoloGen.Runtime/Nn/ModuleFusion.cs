using TorchSharp;

namespace YoloGen.Nn;

/// <summary>Fuses every <see cref="IFusable"/> module under a root (the reference's <c>model.fuse()</c>), for inference.</summary>
public static class ModuleFusion
{
    /// <summary>Fuses in place and returns how many modules were fused. The model stays in the mode it was in.</summary>
    public static int Fuse(torch.nn.Module root)
    {
        int count = 0;
        // Materialise first: fusing unregisters children while we walk.
        var all = root.named_modules().Select(m => m.module).Prepend(root).ToList();
        foreach (var module in all)
        {
            if (module is IFusable fusable)
            {
                fusable.Fuse();
                count++;
            }
        }
        return count;
    }
}
