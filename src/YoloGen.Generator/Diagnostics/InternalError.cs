using System;
using System.Linq;
using YoloGen.Generator.Model;

namespace YoloGen.Generator.Diagnostics;

/// <summary>
/// Turns an unexpected exception into a YG9999 diagnostic on the file, so one bad input can never make the
/// generator throw (which the compiler reports as CS8785 and which drops every generated file).
/// </summary>
internal static class InternalError
{
    public static DiagnosticInfo For(string filePath, Exception exception, string? context = null)
    {
        var firstFrame = exception.StackTrace?.Split('\n')[0].Trim() ?? "";
        var detail = (context is null ? "" : context + ": ") + $"{exception.GetType().Name}: {exception.Message}" + (firstFrame.Length > 0 ? " " + firstFrame : "");
        // One line: build output shows a diagnostic per line.
        detail = string.Join(" ", detail.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(part => part.Trim()));
        return DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, filePath, SourceSpan.FileStart, detail);
    }
}
