namespace YoloGen.IO;

/// <summary>
/// A weights or tensor file that cannot be used: malformed safetensors, or a state dict that does not fit the model.
/// The message names the file and what is wrong; the CLI prints it as one line.
/// </summary>
public sealed class WeightsException : Exception
{
    public WeightsException(string message) : base(message) { }

    public WeightsException(string message, Exception inner) : base(message, inner) { }
}
