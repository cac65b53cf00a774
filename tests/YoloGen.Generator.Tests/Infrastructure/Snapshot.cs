using System.Runtime.CompilerServices;
using System.Text;
using Xunit.Sdk;

namespace YoloGen.Generator.Tests.Infrastructure;

/// <summary>
/// Verify-style snapshots: the text must equal <c>Snapshots/&lt;name&gt;.verified.cs</c> beside the test source.
/// On a difference the new text is written to <c>&lt;name&gt;.received.cs</c> and the test fails with a line diff.
/// To accept every difference, run the tests with <c>YOLOGEN_ACCEPT_SNAPSHOTS=1</c> (the verified files are
/// overwritten; review them with <c>git diff</c> like code).
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "YOLOGEN_ACCEPT_SNAPSHOTS";

    public static void Verify(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(callerFile)!, "..", "Snapshots");
        var verifiedPath = Path.GetFullPath(Path.Combine(folder, name + ".verified.cs"));
        var receivedPath = Path.GetFullPath(Path.Combine(folder, name + ".received.cs"));
        actual = Normalize(actual);

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(verifiedPath, actual, new UTF8Encoding(false));
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return;
        }

        var expected = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath)) : null;
        if (expected == actual)
        {
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual, new UTF8Encoding(false));
        var message = new StringBuilder();
        message.AppendLine(expected is null
            ? $"No snapshot {verifiedPath} yet; the output is in {receivedPath}."
            : $"Snapshot {name} differs: {verifiedPath} (-) vs {receivedPath} (+).");
        if (expected is not null) message.Append(LineDiff.Describe(expected, actual));
        message.AppendLine($"If the new output is right, run the tests with {AcceptVariable}=1 and review the change with git diff.");
        throw new XunitException(message.ToString());
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n");
}
