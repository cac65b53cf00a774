using System.CommandLine;

namespace YoloGen.Cli.Parsing;

/// <summary>
/// A <c>yologen</c> command: its options are declared in the constructor (one <see cref="Add{T}"/> each); help,
/// docs/cli.md, completion and the Ultralytics spellings are all derived from those declarations.
/// </summary>
public abstract class CliCommand : Command
{
    protected CliCommand(string name, string description) : base(name, description) =>
        SetAction(result => Run(result, result.InvocationConfiguration.Output));

    /// <summary>Command lines shown in help and docs, each with what it does.</summary>
    public abstract IReadOnlyList<(string CommandLine, string Explanation)> Examples { get; }

    public IEnumerable<ICliOption> DeclaredOptions => Options.OfType<ICliOption>();

    protected abstract int Run(ParseResult result, TextWriter output);

    protected CliOption<T> Add<T>(CliOption<T> option)
    {
        Options.Add(option);
        return option;
    }

    /// <summary>True when the user gave the option (not only its default).</summary>
    protected static bool Given(ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };
}
