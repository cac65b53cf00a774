using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using YoloGen.Cli.Commands;

namespace YoloGen.Cli.Parsing;

/// <summary>
/// The <c>yologen</c> command line: every command declared once, parsed by System.CommandLine. <see cref="Run"/> is the
/// program (errors as one line and an exit code); <see cref="Execute"/> is the same path with errors left as exceptions.
/// </summary>
public static class YologenCli
{
    public const string StackTraceVariable = "YOLOGEN_STACK_TRACE";

    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("YOLO networks generated from their YAML at build time: layer tables, forward passes, training, validation, prediction and benchmarks.")
        {
            new ModelsCommand(), new InfoCommand(), new TrainCommand(), new ValCommand(), new PredictCommand(),
            new ForwardCommand(), new LossCommand(), new BenchCommand(), new ConvertCommand(), new ExportCommand(),
            new CheckpointBenchCommand(), new CompletionCommand(),
        };
        foreach (var help in root.Options.OfType<HelpOption>().ToList()) root.Options.Remove(help);
        root.Options.Insert(0, new HelpOption("--help", "-h") { Description = "show help and usage", Action = new HelpTextAction() });
        var version = root.Options.OfType<VersionOption>().Single();
        version.Description = "show the version and the Ultralytics version the networks follow";
        version.Action = new VersionAction();
        return root;
    }

    public static IReadOnlyList<CliCommand> Commands(RootCommand root) => root.Subcommands.OfType<CliCommand>().ToList();

    /// <summary>Runs a command line: the exit code, with any error written to <paramref name="error"/> as one line.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        try
        {
            return Execute(args, output, error);
        }
        catch (CliException e)
        {
            error.WriteLine(e.Message.StartsWith("yologen", StringComparison.Ordinal) ? e.Message : $"yologen {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is YoloGen.IO.WeightsException or YoloGen.Data.DatasetException or YoloGen.Validation.DetectionsFileException)
        {
            error.WriteLine($"yologen {CommandName(args)}: {e.Message}");
            return CliException.Failure;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable(StackTraceVariable) != "1")
        {
            error.WriteLine($"yologen {CommandName(args)}: {e.GetType().Name}: {e.Message} (set {StackTraceVariable}=1 for the stack trace)");
            return CliException.Failure;
        }
    }

    /// <summary>Parses and runs a command line; a usage error is a <see cref="CliException"/> with exit code 2.</summary>
    public static int Execute(IReadOnlyList<string> args, TextWriter output, TextWriter? error = null)
    {
        var root = CreateRoot();
        if (args.Count == 0)
        {
            HelpText.Write(root, output);
            return CliException.UsageError;
        }
        if (args[0] == "help") args = [.. args.Skip(1), "--help"];
        if (Commands(root).FirstOrDefault(c => c.Name == args[0]) is { } command)
            args = [args[0], .. UltralyticsArguments.Rewrite(command, args.Skip(1).ToList())];

        var result = root.Parse(args);
        bool informational = result.Action is HelpTextAction or VersionAction
            || result.Tokens.Any(t => t.Type == System.CommandLine.Parsing.TokenType.Directive);
        if (!informational && ParseErrors.OneLine(result, root) is { } message)
            throw CliException.Usage(message);
        return result.Invoke(new InvocationConfiguration { Output = output, Error = error ?? TextWriter.Null, EnableDefaultExceptionHandler = false });
    }

    private static string CommandName(IReadOnlyList<string> args) => args.Count > 0 ? args[0] : "";

    private sealed class HelpTextAction : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            HelpText.Write(parseResult.CommandResult.Command, parseResult.InvocationConfiguration.Output);
            return 0;
        }
    }

    private sealed class VersionAction : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(ToolVersion.Text);
            return 0;
        }
    }
}
