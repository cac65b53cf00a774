using System;
using YoloGen.Generator.Model;

namespace YoloGen.Generator.Diagnostics;

/// <summary>
/// Turns an unexpected exception into a YG9999 diagnostic on the file, so one bad input can never make the
/// generator throw (which the compiler reports as CS8785 and which drops every generated file).
/// </summary>
internal static class InternalError
{
    public static DiagnosticInfo For(string filePath, Exception exception)
    {
        var firstFrame = exception.StackTrace?.Split('\n')[0].Trim() ?? "";
        var detail = $"{exception.GetType().Name}: {exception.Message}" + (firstFrame.Length > 0 ? " " + firstFrame : "");
        return DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, filePath, SourceSpan.FileStart, detail);
    }
}
