namespace YoloGen.Export;

/// <summary>
/// What <see cref="OnnxExporter"/> writes: the input size (a multiple of the model's largest stride), a fixed batch or
/// dynamic batch and image size, the operator set, and the class names and description put in the metadata.
/// </summary>
public sealed record OnnxExportOptions
{
    /// <summary>The reference's default operator set for this ONNX generation (opset 17: IR version 8, read by onnx 1.12 and later).</summary>
    public const int DefaultOpset = 17;

    public int Height { get; init; } = 640;

    public int Width { get; init; } = 640;

    /// <summary>Batch size of the input; ignored when <see cref="Dynamic"/>.</summary>
    public int Batch { get; init; } = 1;

    /// <summary>Batch, height and width left free (named <c>batch</c>, <c>height</c>, <c>width</c>; the output's anchors <c>anchors</c>).</summary>
    public bool Dynamic { get; init; }

    public int Opset { get; init; } = DefaultOpset;

    /// <summary>Class names for the <c>names</c> metadata; null writes "0", "1", ….</summary>
    public IReadOnlyList<string>? Names { get; init; }

    /// <summary>The data set the weights were trained on, if known (metadata <c>description</c>).</summary>
    public string? Data { get; init; }
}
