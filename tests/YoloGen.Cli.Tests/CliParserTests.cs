using YoloGen.Cli.Commands;
using YoloGen.Cli.Parsing;
using YoloGen.Models;
using Xunit;

namespace YoloGen.Cli.Tests;

/// <summary>
/// The command line as declared: help lists exactly the declared options, mistakes are one-line usage errors with a
/// suggestion and exit code 2, and the reference's <c>key=value</c> spelling parses to the same options as ours.
/// </summary>
public sealed class CliParserTests
{
    private static readonly System.CommandLine.RootCommand Root = YologenCli.CreateRoot();
    private static readonly IReadOnlyList<CliCommand> Commands = YologenCli.Commands(Root);
    private static TrainCommand Train => Commands.OfType<TrainCommand>().Single();

    public static TheoryData<string> CommandNames() => new(Commands.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Help_of_every_command_lists_every_declared_option_with_its_default(string name)
    {
        var (code, help, _) = CommandRunner.Exit(name, "--help");

        Assert.Equal(0, code);
        var command = Commands.Single(c => c.Name == name);
        var lines = help.Split('\n');
        Assert.Contains(HelpText.Usage(command), help);
        foreach (var option in command.DeclaredOptions)
        {
            string label = HelpText.Label(option.Option);
            int at = Array.FindIndex(lines, l => l.StartsWith($"  {label} ", StringComparison.Ordinal) || l.TrimEnd() == $"  {label}");
            Assert.True(at >= 0, $"{name} --help does not list {label}:\n{help}");
            if (option.DefaultText is not null)
                Assert.Contains($"[default: {option.DefaultText}]", string.Join(' ', lines.Skip(at).Take(4).Select(l => l.Trim())));
        }
        Assert.Contains("  -h, --help", help);
        Assert.Contains("Examples:", help);
        foreach (var (line, _) in command.Examples) Assert.Contains($"  {line}", help);
        // the options section has exactly the declared options (and --help): nothing listed that the parser does not accept
        int options = Array.IndexOf(lines, "Options:"), examples = Array.IndexOf(lines, "Examples:");
        int listed = lines[(options + 1)..examples].Count(l => l.StartsWith("  -", StringComparison.Ordinal));
        Assert.Equal(command.DeclaredOptions.Count() + 1, listed);
    }

    [Fact]
    public void Root_help_lists_every_command_and_help_command_is_command_help()
    {
        var (code, help, _) = CommandRunner.Exit("--help");
        Assert.Equal(0, code);
        int width = Commands.Max(c => c.Name.Length);
        foreach (var c in Commands) Assert.Contains($"\n  {c.Name.PadRight(width)}  {c.Description}"[..30], help);

        Assert.Equal(CommandRunner.Exit("train", "--help").Output, CommandRunner.Exit("help", "train").Output);
        Assert.Equal(CommandRunner.Exit("predict", "--help"), CommandRunner.Exit("predict", "-h"));
        // help wins over missing required options
        Assert.Equal(0, CommandRunner.Exit("forward", "--help").Code);
    }

    [Fact]
    public void No_arguments_print_the_commands_and_exit_with_a_usage_error()
    {
        var (code, output, _) = CommandRunner.Exit();
        Assert.Equal(CliException.UsageError, code);
        Assert.Contains("Commands:", output);
    }

    [Fact]
    public void Version_names_the_package_and_the_ultralytics_reference()
    {
        var (code, output, _) = CommandRunner.Exit("--version");
        Assert.Equal(0, code);
        Assert.Equal($"yologen {ToolVersion.Package} (networks follow Ultralytics {ToolVersion.Ultralytics})", output.Trim());
        Assert.Matches(@"^\d+\.\d+\.\d+", ToolVersion.Package);
    }

    [Theory]
    [InlineData("yologen train: unknown option --epoch; did you mean --epochs?", "train", "--epoch", "3")]
    [InlineData("yologen train: unknown option --lr; did you mean --lr0 or --lrf?", "train", "--lr", "0.1")]
    [InlineData("yologen bench: unknown option --chanels-last; did you mean --channels-last?", "bench", "--model", "yolo11n", "--chanels-last")]
    [InlineData("yologen predict: unknown option --maxdet; did you mean --max-det?", "predict", "--maxdet=3")]
    [InlineData("yologen train: unknown argument epoch=3; did you mean epochs=?", "train", "epoch=3")]
    [InlineData("yologen: unknown command 'trian'; did you mean train?", "trian")]
    [InlineData("yologen: unknown command 'modles'; did you mean models?", "modles")]
    public void A_mistyped_command_or_option_gets_a_suggestion_and_exit_code_2(string expected, params string[] args)
    {
        var (code, output, error) = CommandRunner.Exit(args);
        Assert.Equal(CliException.UsageError, code);
        Assert.Equal("", output);
        Assert.StartsWith(expected, error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("train: option --epochs given twice", "train", "--epochs", "3", "--epochs", "4")]
    [InlineData("train: option --cos-lr given twice", "train", "--cos-lr", "--cos-lr")]
    [InlineData("info: option --json given twice", "info", "yolo11n", "--json", "--json=false")]
    [InlineData("train: --data needs a value", "train", "--data")]
    [InlineData("train: --epochs needs a value", "train", "--epochs", "--seed", "1")]
    [InlineData("predict: --weights is required", "predict", "--source", "x.jpg")]
    [InlineData("forward: --model is required", "forward")]
    [InlineData("train: --imgsz must be in [32, 4096], got 16", "train", "--imgsz", "16")]
    [InlineData("predict: --conf must be a number, got 'high'", "predict", "--weights", "w", "--source", "s", "--conf", "high")]
    [InlineData("predict: --conf must be in [0, 1], got 2", "predict", "--weights", "w", "--source", "s", "--conf=2")]
    [InlineData("loss: --dtype must be one of float32, float64, got 'half'", "loss", "--input", "x", "--dtype", "half")]
    [InlineData("info: unexpected argument 'yolo11s'", "info", "yolo11n", "yolo11s")]
    [InlineData("info: --json takes no value (or true/false), got 'maybe'", "info", "yolo11n", "--json", "maybe")]
    [InlineData("bench: unknown model 'yolo11q'. Known models: ", "bench", "--model", "yolo11q")]
    [InlineData("val: --imgsz validates weights; --detections scores a file and takes only --json", "val", "--detections", "d.json", "--imgsz", "64")]
    [InlineData("train: --resume continues a run with the options it started with; --epochs cannot be given with it", "train", "--resume", "--epochs", "3")]
    [InlineData("train: model=yolo11n.pt names a weights file", "train", "model=yolo11n.pt")]
    [InlineData("completion: unknown shell 'fish'", "completion", "fish")]
    public void Usage_errors_are_one_line_with_exit_code_2(string expected, params string[] args)
    {
        var (code, _, error) = CommandRunner.Exit(args);
        Assert.Equal(CliException.UsageError, code);
        Assert.StartsWith($"yologen {expected}", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("--epochs 3 --imgsz 640 --batch 8 --lr0 0.02 --cos-lr --no-plots --device cuda:0 --model yolo11s --data coco8.yaml --weight-decay 0.001",
        "epochs=3 imgsz=640 batch=8 lr0=0.02 cos_lr=True plots=False device=0 model=yolo11s.yaml data=coco8.yaml weight_decay=0.001")]
    [InlineData("--resume", "resume=True")]
    [InlineData("--resume runs/x/weights/last.safetensors", "resume=runs/x/weights/last.safetensors")]
    [InlineData("--no-cache --warmup-epochs 0.5 --close-mosaic 0 --optimizer AdamW", "cache=False warmup_epochs=0.5 close_mosaic=0 optimizer=AdamW")]
    [InlineData("", "plots=True cache=True resume=False cos_lr=False")]
    public void Ultralytics_key_value_train_arguments_bind_to_the_same_options(string ours, string reference)
    {
        var train = Train;
        var a = train.Bind(Parse("train", ours));
        var b = train.Bind(Parse("train", reference));
        Assert.Equal(a, b);
        Assert.NotEqual(ours.Length > 0, a == train.Bind(Parse("train", ""))); // the arguments changed something
    }

    [Theory]
    [InlineData("predict", "--weights best.safetensors --source img --conf 0.5 --iou 0.6 --max-det 10 --imgsz 320 --name p",
        "model=best.safetensors source=img conf=0.5 iou=0.6 max_det=10 imgsz=320 name=p")]
    [InlineData("val", "--weights best.safetensors --data d.yaml --split test --batch 4 --json", "model=best.safetensors data=d.yaml split=test batch=4 json=True")]
    [InlineData("bench", "--model yolo11n --imgsz 64 --runs 2 --fuse", "model=yolo11n.yaml imgsz=64 runs=2 fuse=True")]
    [InlineData("info", "yolo11n --json", "yolo11n json=true")]
    public void Key_value_and_dashed_forms_give_the_same_parsed_options(string command, string ours, string reference)
    {
        var c = Commands.Single(x => x.Name == command);
        var a = Parse(command, ours);
        var b = Parse(command, reference);
        Assert.Empty(a.Errors);
        Assert.Empty(b.Errors);
        foreach (var option in c.DeclaredOptions)
            Assert.Equal(option.ValueIn(a), option.ValueIn(b));
        int given = c.DeclaredOptions.Count(o => a.GetResult(o.Option) is { Implicit: false });
        Assert.Equal(ours.Split(' ').Count(t => t.StartsWith("--")), given); // every dashed option was recognised…
        Assert.Equal(given, c.DeclaredOptions.Count(o => b.GetResult(o.Option) is { Implicit: false })); // …and given by its key
    }

    [Theory]
    [InlineData("--epochs=7", "--epochs 7")]
    [InlineData("--cos-lr true", "--cos-lr")]
    [InlineData("--name=a=b", "--name a=b")] // a value with '=' after an option stays a value
    [InlineData("--data data=1.yaml", "--data=data=1.yaml")]
    [InlineData("--cos-lr yes", "--cos-lr")]
    [InlineData("--cos-lr=1", "--cos-lr")]
    [InlineData("cos_lr=True", "--cos-lr")]
    [InlineData("--cos-lr no", "")]
    [InlineData("--cos-lr=False", "")]
    [InlineData("cos_lr=0", "")]
    public void Option_forms_are_equivalent(string one, string other)
    {
        var train = Train;
        Assert.Equal(train.Bind(Parse("train", other)), train.Bind(Parse("train", one)));
    }

    [Fact]
    public void Switch_false_is_off()
    {
        var train = Train;
        Assert.False(train.Bind(Parse("train", "--cos-lr false")).Options.CosineLr);
        Assert.True(train.Bind(Parse("train", "--cos-lr")).Options.CosineLr);
    }

    [Fact]
    public void Defaults_follow_the_dataset_choice()
    {
        var train = Train;
        var synthetic = train.Bind(Parse("train", "")).Options;
        var data = train.Bind(Parse("train", "--data d.yaml")).Options;
        Assert.Equal(Training.TrainOptions.SyntheticDefaults, synthetic);
        Assert.Equal(new Training.TrainOptions { Data = "d.yaml" }, data);
    }

    [Theory]
    [InlineData("yologen train --model yolo11n-s", "yolo11n-se", "yolo11n-simam")]
    [InlineData("yologen info yolo11x-e", "yolo11x-efficientnetv1", "yolo11x-efficientnetv2")]
    [InlineData("yologen train --optimizer ", "AdamW", "SGD", "auto")]
    [InlineData("yologen tr", "train")]
    [InlineData("yologen completion ", "bash", "pwsh", "zsh")]
    public void Completion_suggests_commands_choices_and_compiled_in_model_names(string line, params string[] expected)
    {
        var (code, output, _) = CommandRunner.Exit($"[suggest:{line.Length}]", line);
        Assert.Equal(0, code);
        var items = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(expected.Order(StringComparer.OrdinalIgnoreCase), items.Where(i => !i.StartsWith('-')).Order(StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void Completion_of_a_model_value_lists_every_compiled_in_network_and_leaves_paths_to_the_shell()
    {
        string line = "yologen bench --model ";
        var names = CommandRunner.Exit($"[suggest:{line.Length}]", line).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(YoloModels.Names.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        line = "yologen predict --weights ";
        Assert.Equal("", CommandRunner.Exit($"[suggest:{line.Length}]", line).Output.Trim());
    }

    [Theory]
    [InlineData("bash", "complete -o bashdefault -o default -F _yologen_complete yologen")]
    [InlineData("zsh", "compdef _yologen yologen")]
    [InlineData("pwsh", "Register-ArgumentCompleter -Native -CommandName yologen")]
    public void Completion_scripts_ask_the_suggest_directive(string shell, string registration)
    {
        var (code, script) = CommandRunner.Run("completion", shell);
        Assert.Equal(0, code);
        Assert.Contains(registration, script);
        Assert.Contains("yologen \"[suggest:", script);
    }

    private static System.CommandLine.ParseResult Parse(string command, string line)
    {
        var args = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var c = Commands.Single(x => x.Name == command);
        return Root.Parse([command, .. UltralyticsArguments.Rewrite(c, args)]);
    }
}
