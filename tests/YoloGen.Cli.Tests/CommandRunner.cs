using System.Text.Json;
using YoloGen.Cli.Parsing;

namespace YoloGen.Cli.Tests;

/// <summary>Runs <c>yologen &lt;command&gt; &lt;args&gt;</c> in process through the real parser, with its output captured.</summary>
internal static class CommandRunner
{
    /// <summary>The exit code and standard output; an error is thrown (a usage error is a <see cref="CliException"/> with exit code 2).</summary>
    public static (int Code, string Output) Run(string command, params string[] args)
    {
        var writer = new StringWriter();
        int code = YologenCli.Execute([command, .. args], writer);
        return (code, writer.ToString());
    }

    /// <summary>As the program runs: the exit code, standard output and standard error (errors as one line).</summary>
    public static (int Code, string Output, string Error) Exit(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = YologenCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    public static JsonElement Json(string output) => JsonDocument.Parse(output).RootElement.Clone();
}
