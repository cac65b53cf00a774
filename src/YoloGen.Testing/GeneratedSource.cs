namespace YoloGen.Testing;

/// <summary>One generated file: <paramref name="Name"/> is its class (<c>ShapesN</c>, <c>YoloModels</c>), the snapshot's file name stem.</summary>
public sealed record GeneratedSource(string Name, string Text);
