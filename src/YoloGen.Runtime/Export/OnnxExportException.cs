namespace YoloGen.Export;

/// <summary>A model, option or module that cannot be exported; the message names the layer and module involved.</summary>
public sealed class OnnxExportException(string message, Exception? inner = null) : Exception(message, inner);
