using System.CommandLine;
using YoloGen.Cli.Parsing;

namespace YoloGen.Cli.Commands;

/// <summary><c>yologen completion bash|zsh|pwsh</c>: prints the shell's completion script (README.md: how to install it).</summary>
public sealed class CompletionCommand : CliCommand
{
    private readonly Argument<string> _shell = new("shell") { Description = "bash, zsh or pwsh" };

    public CompletionCommand() : base("completion", "print the shell completion script for bash, zsh or PowerShell")
    {
        _shell.CompletionSources.Add(CompletionScripts.Shells);
        Arguments.Add(_shell);
    }

    public override IReadOnlyList<(string, string)> Examples { get; } =
    [
        ("eval \"$(yologen completion bash)\"", "completion in this bash session (add the line to ~/.bashrc to keep it)"),
        ("yologen completion pwsh | Out-String | Invoke-Expression", "the same in PowerShell (add it to $PROFILE)"),
    ];

    protected override int Run(ParseResult result, TextWriter output)
    {
        output.WriteLine(CompletionScripts.For(result.GetValue(_shell)!));
        return 0;
    }
}
