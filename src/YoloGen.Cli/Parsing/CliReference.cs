using System.CommandLine;
using System.Text;

namespace YoloGen.Cli.Parsing;

/// <summary>docs/cli.md, written from the command declarations (a test keeps the file equal to it).</summary>
public static class CliReference
{
    public static string Markdown(RootCommand root)
    {
        var md = new StringBuilder();
        md.Append("""
            <!-- Generated from the command declarations (src/YoloGen.Cli/Commands) by tests/YoloGen.Cli.Tests/CliReferenceTests.cs;
                 do not edit. Regenerate: YOLOGEN_UPDATE_DOCS=1 dotnet test tests/YoloGen.Cli.Tests -c Release --filter CliReferenceTests -->
            # The `yologen` command

            `yologen <command> [options]`. `yologen --help` lists the commands, `yologen <command> --help` prints a command's
            options with their defaults and examples (the sections below), and `yologen --version` the package version and the
            Ultralytics version the compiled-in networks follow
            """).Append($" ({ToolVersion.Ultralytics}).\n\n");
        md.Append("""
            Options take `--name value` or `--name=value`; a switch is `--name` (or `--name true|false`). An option given twice,
            an unknown option (with the closest names as a suggestion) or a missing value is an error.

            ## Ultralytics spellings

            The reference's `key=value` arguments are accepted beside the options, so a copied command line runs:
            `yologen train model=yolo11n.yaml data=coco8.yaml epochs=3 imgsz=640` is `yologen train --model yolo11n --data coco8.yaml
            --epochs 3 --imgsz 640`. The key of each option is in its table (column *key=*); every option's own name with `_` for `-`
            works too (`max_det=100`). `model=<name>.yaml` names the network of that YAML; for `predict` and `val`, `model=` with a
            weights file (`best.safetensors`) means `--weights`. Switches take `True`/`False` (`cos_lr=True`, `plots=False`), `device=0`
            is `cuda:0`, and `resume=True` continues the newest run.

            ## Exit codes and errors

            | code | meaning |
            |---|---|
            | 0 | success |
            | 1 | failure: an input (weights, dataset, image, checkpoint, detections file) is missing, malformed or does not fit the network; any other error |
            | 2 | usage error: unknown command or option, a bad or missing value, a missing required option, options that cannot go together, an unknown network or device |

            Every error is one line on standard error, `yologen <command>: …`, naming the option, file or field at fault; set
            `YOLOGEN_STACK_TRACE=1` to get the stack trace of an unexpected one.

            ## Shell completion

            Commands, options, choices and network names complete; paths (weights, YAML, images) fall back to the shell's file
            completion. Install it for the current shell (add the line to its start-up file to keep it):

            | shell | command | start-up file |
            |---|---|---|
            | bash | `eval "$(yologen completion bash)"` | `~/.bashrc` |
            | zsh | `eval "$(yologen completion zsh)"` (after `compinit`) | `~/.zshrc` |
            | PowerShell | `yologen completion pwsh \| Out-String \| Invoke-Expression` | `$PROFILE` |

            The scripts call the installed `yologen` (the .NET tool, see README.md) with System.CommandLine's `[suggest]` directive.

            ## Adding a command or an option

            A command is a `CliCommand` in `src/YoloGen.Cli/Commands/`, listed in `YologenCli.CreateRoot`; each option is one
            `Add(...)` line in its constructor, built by `CliOptions` (by kind of value) or `SharedOptions` (an option several
            commands take, declared once: adding it to another command is that one line). Help, completion, the `key=` spelling
            and this page follow from the declaration; regenerate this page as its first line says.

            ## Commands

            """);
        md.Append("\n| command | what it does |\n|---|---|\n");
        foreach (var c in YologenCli.Commands(root)) md.Append($"| [`{c.Name}`](#{c.Name}) | {Cell(c.Description ?? "")} |\n");
        foreach (var c in YologenCli.Commands(root)) WriteCommand(c, md);
        return md.ToString().ReplaceLineEndings("\n");
    }

    private static void WriteCommand(CliCommand c, StringBuilder md)
    {
        md.Append($"\n### {c.Name}\n\n{c.Description}.\n\n```\n{HelpText.Usage(c)}\n```\n\n");
        foreach (var a in c.Arguments) md.Append($"`<{a.Name}>`: {a.Description}.\n\n");
        if (c.DeclaredOptions.Any())
        {
            md.Append("| option | default | key= | description |\n|---|---|---|---|\n");
            foreach (var o in c.DeclaredOptions)
            {
                string required = o.Option.Required ? " **(required)**" : "";
                string key = o.Ultralytics is { } u ? $"`{u.Key}=`" : "";
                md.Append($"| `{Cell(HelpText.Label(o.Option))}`{required} | {Cell(o.DefaultText ?? "")} | {key} | {Cell(o.Option.Description ?? "")} |\n");
            }
            md.Append('\n');
        }
        md.Append("Examples:\n\n");
        foreach (var (line, explanation) in c.Examples) md.Append($"- `{line}`: {explanation}\n");
    }

    private static string Cell(string text) => text.Replace("|", "\\|");
}
