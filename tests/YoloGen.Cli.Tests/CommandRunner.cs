using System.Text.Json;
using YoloGen.Cli;

namespace YoloGen.Cli.Tests;

/// <summary>Runs a command's entry point with its output captured.</summary>
internal static class CommandRunner
{
    public static (int Code, string Output) Run(Func<CliArgs, TextWriter, int> command, string name, params string[] args)
    {
        var writer = new StringWriter();
        int code = command(new CliArgs(name, args), writer);
        return (code, writer.ToString());
    }

    public static JsonElement Json(string output) => JsonDocument.Parse(output).RootElement.Clone();
}
