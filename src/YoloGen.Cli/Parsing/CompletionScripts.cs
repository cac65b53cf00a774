namespace YoloGen.Cli.Parsing;

/// <summary>
/// Shell completion scripts. Each asks <c>yologen "[suggest:N]" "&lt;line&gt;"</c> (System.CommandLine's suggest
/// directive: commands, options, choices, model names) and falls back to the shell's file completion when that
/// has nothing, which is how paths (weights, YAML, images) complete.
/// </summary>
public static class CompletionScripts
{
    public static readonly string[] Shells = ["bash", "zsh", "pwsh"];

    public static string For(string shell) => shell switch
    {
        "bash" => Bash,
        "zsh" => Zsh,
        "pwsh" => PowerShell,
        _ => throw CliException.Usage($"completion: unknown shell '{shell}'; one of {string.Join(", ", Shells)}"),
    };

    private const string Bash = """
        # yologen completion for bash: eval "$(yologen completion bash)" (e.g. in ~/.bashrc)
        _yologen_complete() {
            local line="${COMP_LINE:0:$COMP_POINT}" cur="${COMP_WORDS[COMP_CWORD]}" IFS=$'\n'
            COMPREPLY=($(compgen -W "$(yologen "[suggest:${#line}]" "$line" 2>/dev/null)" -- "$cur"))
        }
        complete -o bashdefault -o default -F _yologen_complete yologen
        """;

    private const string Zsh = """
        # yologen completion for zsh: eval "$(yologen completion zsh)" (e.g. in ~/.zshrc, after compinit)
        _yologen() {
            local line="${(j: :)words[1,CURRENT]}"
            local -a items
            items=("${(@f)$(yologen "[suggest:${#line}]" "$line" 2>/dev/null)}")
            items=(${items:#})
            if (( ${#items} )); then compadd -a items; else _files; fi
        }
        compdef _yologen yologen
        """;

    private const string PowerShell = """
        # yologen completion for PowerShell: yologen completion pwsh | Out-String | Invoke-Expression (e.g. in $PROFILE)
        Register-ArgumentCompleter -Native -CommandName yologen -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            $line = $commandAst.ToString()
            $position = $cursorPosition - $commandAst.Extent.StartOffset
            if ($line.Length -lt $position) { $line = $line.PadRight($position) }
            yologen "[suggest:$position]" "$line" | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }
        """;
}
