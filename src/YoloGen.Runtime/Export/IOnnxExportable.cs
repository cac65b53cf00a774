namespace YoloGen.Export;

/// <summary>
/// A module that writes its own ONNX nodes, in its eval form (batch norms folded into the convolutions before them):
/// one small function per module type, as an exporter is a table of such functions rather than one big switch.
/// Runtime blocks implement it; so can a user's <c>[YoloModule]</c> class.
/// </summary>
public interface IOnnxExportable
{
    /// <summary>
    /// Adds the nodes computing this module's eval forward from the values named <paramref name="inputs"/> (one per
    /// tensor the forward takes) and returns the names of its outputs, in the order the forward returns them.
    /// </summary>
    IReadOnlyList<string> ExportOnnx(OnnxGraph graph, IReadOnlyList<string> inputs);
}

/// <summary>
/// A network whose layers the generator wired into ONNX (the second partial file of each generated model class):
/// the layers in index order, exactly as its <c>forward</c> calls them.
/// </summary>
public interface IOnnxExportableModel
{
    /// <summary>Adds every layer's nodes reading the image input <paramref name="images"/>; returns the head's outputs.</summary>
    IReadOnlyList<string> ExportOnnxLayers(OnnxGraph graph, string images);
}
