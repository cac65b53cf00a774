namespace YoloGen.Cli;

/// <summary>
/// An error the user can fix, printed as one line. <see cref="ExitCode"/> 2 is a usage error (the command line itself:
/// an unknown option or model, a value out of range, options that cannot go together); 1 is a failure of a well-formed
/// command (a missing or malformed input file, a dataset or weights that do not fit).
/// </summary>
public sealed class CliException(string message, int exitCode = CliException.Failure) : Exception(message)
{
    public const int Failure = 1;
    public const int UsageError = 2;

    public int ExitCode { get; } = exitCode;

    public static CliException Usage(string message) => new(message, UsageError);
}
