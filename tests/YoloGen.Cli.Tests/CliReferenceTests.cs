using YoloGen.Cli.Parsing;
using YoloGen.Runtime.Tests;
using Xunit;

namespace YoloGen.Cli.Tests;

/// <summary>docs/cli.md is what the command declarations say; after changing a command, regenerate it.</summary>
public sealed class CliReferenceTests
{
    private const string UpdateVariable = "YOLOGEN_UPDATE_DOCS";

    [Fact]
    public void Docs_cli_md_is_generated_from_the_declarations()
    {
        string path = Path.Combine(TestPaths.RepoRoot, "docs", "cli.md");
        string expected = CliReference.Markdown(YologenCli.CreateRoot());
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            string temp = path + ".tmp";
            File.WriteAllText(temp, expected);
            File.Move(temp, path, overwrite: true);
        }
        string actual = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        Assert.True(actual == expected,
            $"docs/cli.md is out of date with the command declarations. Regenerate it: " +
            $"{UpdateVariable}=1 dotnet test tests/YoloGen.Cli.Tests -c Release --filter CliReferenceTests");
    }

    [Fact]
    public void Every_declared_option_and_example_is_in_the_reference()
    {
        string md = CliReference.Markdown(YologenCli.CreateRoot());
        foreach (var c in YologenCli.Commands(YologenCli.CreateRoot()))
        {
            Assert.Contains($"\n### {c.Name}\n", md);
            string section = md[(md.IndexOf($"\n### {c.Name}\n", StringComparison.Ordinal) + 5)..];
            section = section[..(section.IndexOf("\n### ", StringComparison.Ordinal) is int end and >= 0 ? end : section.Length)];
            foreach (var o in c.DeclaredOptions) Assert.Contains($"| `{HelpText.Label(o.Option).Replace("|", "\\|")}`", section);
            foreach (var (line, _) in c.Examples) Assert.Contains($"- `{line}`", section);
        }
    }
}
