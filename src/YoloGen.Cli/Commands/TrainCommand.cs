using System.CommandLine;
using YoloGen.Cli.Parsing;
using YoloGen.Training;

namespace YoloGen.Cli.Commands;

/// <summary>
/// <c>yologen train</c>: without <c>--data</c> it trains on the embedded synthetic dataset (generated once into
/// <c>datasets/synthetic</c>) with <see cref="TrainOptions.SyntheticDefaults"/>; with <c>--data</c> the reference's
/// defaults apply. <c>--resume</c> continues the latest run (or the given <c>last.safetensors</c>) as it started.
/// </summary>
public sealed class TrainCommand : CliCommand
{
    private static readonly TrainOptions Reference = new(), Synthetic = TrainOptions.SyntheticDefaults;

    private readonly CliOption<string?> _model, _data, _device, _project, _name, _resume, _pretrained;
    private readonly CliOption<int?> _epochs, _imgsz, _nbs;
    private readonly CliOption<int> _batch, _workers, _closeMosaic, _seed, _patience;
    private readonly CliOption<string> _optimizer, _reference;
    private readonly CliOption<double> _lr0, _lrf, _momentum, _weightDecay, _warmupEpochs;
    private readonly CliOption<bool> _cosLr, _noCache, _noPlots, _noPt;

    public TrainCommand() : base("train", "train a network (default: yolo11n on the embedded synthetic dataset); --resume continues a run")
    {
        _model = Add(SharedOptions.Model("train", "the network to train", defaultValue: Reference.Model));
        _data = Add(SharedOptions.Data("dataset YAML (Ultralytics format: path, train, val, names)"));
        _data.DefaultText = "the embedded synthetic dataset, written once to datasets/synthetic";
        _epochs = Add(DataDependent("--epochs", "n", "epochs to train", Synthetic.Epochs, Reference.Epochs, min: 1, max: int.MaxValue).AlsoUltralytics("epochs"));
        _imgsz = Add(DataDependent("--imgsz", "pixels", "training image size (rounded up to a multiple of 32)", Synthetic.ImageSize, Reference.ImageSize, min: 32, max: 4096).AlsoUltralytics("imgsz"));
        _batch = Add(SharedOptions.Batch(Reference.Batch, "images per batch"));
        _device = Add(SharedOptions.Device());
        _reference = Add(SharedOptions.Reference());
        _workers = Add(SharedOptions.Workers(Reference.Workers));
        _optimizer = Add(CliOptions.Choice("--optimizer", "auto picks SGD or AdamW from the number of iterations, as the reference does", Reference.Optimizer, "auto", "SGD", "AdamW").AlsoUltralytics("optimizer"));
        _lr0 = Add(CliOptions.Double("--lr0", "x", "initial learning rate (auto: chosen by the optimizer rule)", Reference.Lr0, min: 0, max: 10).AlsoUltralytics("lr0"));
        _lrf = Add(CliOptions.Double("--lrf", "x", "final learning rate as a fraction of lr0", Reference.Lrf, min: 0, max: 1).AlsoUltralytics("lrf"));
        _momentum = Add(CliOptions.Double("--momentum", "x", "SGD momentum / Adam beta1", Reference.Momentum, min: 0, max: 1).AlsoUltralytics("momentum"));
        _weightDecay = Add(CliOptions.Double("--weight-decay", "x", "weight decay", Reference.WeightDecay, min: 0, max: 1).AlsoUltralytics("weight_decay"));
        _warmupEpochs = Add(CliOptions.Double("--warmup-epochs", "x", "warm-up epochs (fractions allowed)", Reference.WarmupEpochs, min: 0, max: 1000).AlsoUltralytics("warmup_epochs"));
        _cosLr = Add(CliOptions.Flag("--cos-lr", "cosine learning-rate schedule instead of linear").AlsoUltralytics("cos_lr"));
        _closeMosaic = Add(CliOptions.Int("--close-mosaic", "n", "turn mosaic off for the last n epochs", Reference.CloseMosaic, min: 0).AlsoUltralytics("close_mosaic"));
        _seed = Add(CliOptions.Int("--seed", "n", "random seed (weights, augmentation, order)", Reference.Seed, min: 0).AlsoUltralytics("seed"));
        _patience = Add(CliOptions.Int("--patience", "n", "stop after n epochs without a better fitness", Reference.Patience, min: 1).AlsoUltralytics("patience"));
        _nbs = Add(DataDependent("--nbs", "n", "nominal batch size: gradients accumulate up to it, weight decay scales with it", Synthetic.NominalBatch, Reference.NominalBatch, min: 1, max: int.MaxValue).AlsoUltralytics("nbs"));
        _noCache = Add(CliOptions.Flag("--no-cache", "decode training images every epoch instead of keeping them in memory")
            .AlsoUltralytics("cache", v => IsFalse(v) ? ["--no-cache"] : []));
        _project = Add(SharedOptions.Project(Reference.Project));
        _name = Add(SharedOptions.Name(Reference.Name));
        _noPlots = Add(CliOptions.Flag("--no-plots", "do not draw results.png").AlsoUltralytics("plots", v => IsFalse(v) ? ["--no-plots"] : []));
        _noPt = Add(CliOptions.Flag("--no-pt", "do not write weights/best.pt (the best EMA weights as an Ultralytics checkpoint)"));
        _pretrained = Add(CliOptions.Text("--pretrained", "file", "start from these weights (.pt or .safetensors): every tensor whose name and shape fit is copied, the rest stay initialised")
            .AlsoUltralytics("pretrained", v => IsFalse(v) || bool.TryParse(v, out _) ? [] : ["--pretrained", v]));
        _resume = Add(CliOptions.Text("--resume", "last.safetensors", "continue a run: the newest weights/last.safetensors under --project, or the file given")
            .AlsoUltralytics("resume", v => IsFalse(v) ? [] : bool.TryParse(v, out _) ? ["--resume"] : ["--resume", v]));
        _resume.Arity = ArgumentArity.ZeroOrOne;
    }

    public override IReadOnlyList<(string, string)> Examples { get; } =
    [
        ("yologen train", "yolo11n on the embedded synthetic dataset at 320 px (runs/detect/train)"),
        ("yologen train --model yolo11s --data coco8.yaml --epochs 3 --imgsz 640", "a dataset of your own"),
        ("yologen train model=yolo11n.yaml data=coco8.yaml epochs=3 imgsz=640", "the same in the reference's spelling"),
        ("yologen train --resume", "continue the newest run under runs/detect"),
    ];

    /// <summary>The options of a parse: the training options (the synthetic or the reference defaults) and the checkpoint to resume.</summary>
    public (TrainOptions Options, bool Resume, string? From) Bind(ParseResult r)
    {
        string? data = r.GetValue(_data);
        var d = data is null ? Synthetic : Reference;
        var o = d with
        {
            Model = r.GetValue(_model)!,
            Data = data,
            Epochs = r.GetValue(_epochs) ?? d.Epochs,
            ImageSize = r.GetValue(_imgsz) ?? d.ImageSize,
            Batch = r.GetValue(_batch),
            Device = r.GetValue(_device)!,
            Workers = r.GetValue(_workers),
            Optimizer = r.GetValue(_optimizer)!,
            Lr0 = r.GetValue(_lr0),
            Lrf = r.GetValue(_lrf),
            Momentum = r.GetValue(_momentum),
            WeightDecay = r.GetValue(_weightDecay),
            WarmupEpochs = r.GetValue(_warmupEpochs),
            CosineLr = r.GetValue(_cosLr),
            CloseMosaic = r.GetValue(_closeMosaic),
            Seed = r.GetValue(_seed),
            Patience = r.GetValue(_patience),
            NominalBatch = r.GetValue(_nbs) ?? d.NominalBatch,
            Cache = !r.GetValue(_noCache),
            Project = r.GetValue(_project)!,
            Name = r.GetValue(_name)!,
            Plots = !r.GetValue(_noPlots),
            SavePt = !r.GetValue(_noPt),
            Pretrained = r.GetValue(_pretrained),
        };
        return (o, Given(r, _resume), r.GetValue(_resume));
    }

    protected override int Run(ParseResult result, TextWriter output)
    {
        var (o, resumeGiven, resume) = Bind(result);
        if (resumeGiven && DeclaredOptions.Select(x => x.Option).FirstOrDefault(x => x != _resume && x != _project && Given(result, x)) is { } extra)
            throw CliException.Usage($"train: --resume continues a run with the options it started with; {extra.Name} cannot be given with it");
        ModelLookup.Device("train", o.Device); // an unknown or unavailable device fails before any data work

        int imgsz = (o.ImageSize + 31) / 32 * 32;
        if (imgsz != o.ImageSize)
        {
            result.InvocationConfiguration.Error.WriteLine($"train: --imgsz {o.ImageSize} is not a multiple of the maximum stride 32; using {imgsz}");
            o = o with { ImageSize = imgsz };
        }
        if (resumeGiven && resume is null) resume = LatestRun(o.Project);
        var rules = SharedOptions.Rules(result.GetValue(_reference)!);
        if (resume is null)
        {
            using var probe = ModelLookup.Create("train", o.Model, reference: rules); // unknown model: fail before any data work
            if (probe.IsEndToEnd)
                throw new CliException($"train: {o.Model} has an end-to-end head (one-to-one branch, no NMS); its training loss (both branches, " +
                    "the reference's E2ELoss) is not implemented yet, and training only the one-to-many branch would leave the branch predict uses untrained");
        }
        else if (!File.Exists(resume)) throw new CliException($"train: --resume {resume} does not exist");
        else
        {
            var info = Checkpoint.ReadInfo(resume)
                ?? throw new CliException($"train: {resume} is not a training checkpoint (weights/last.safetensors of a run)");
            if (info.Epoch >= info.Epochs) throw new CliException($"train: {resume}: the run already finished all {info.Epochs} epochs; nothing to resume");
        }

        // Pooled tensor memory: glibc's heap would keep growing with fragmentation for the first hundred-odd iterations.
        YoloGen.TensorMemoryPool.Install();
        var observer = new ConsoleTrainingObserver();
        var trainer = new Trainer(nc => ModelLookup.Create("train", resume is null ? o.Model : Checkpoint.ReadInfo(resume)!.Model, nc, rules), observer);
        var run = observer.Run(() => resume is null ? trainer.Train(o) : trainer.Resume(resume));
        output.WriteLine($"Results saved to {run.RunDirectory} (best fitness {run.BestFitness:F5}; weights {run.Best})");
        return 0;
    }

    private static CliOption<int?> DataDependent(string name, string valueName, string description, int synthetic, int reference, int min, int max) =>
        CliOptions.OptionalInt(name, valueName, description, $"{synthetic} on the synthetic dataset, {reference} with --data", min, max);

    private static bool IsFalse(string value) => value.Equals("false", StringComparison.OrdinalIgnoreCase) || value == "0";

    /// <summary>The most recently written <c>weights/last.safetensors</c> under the project folder.</summary>
    private static string LatestRun(string project)
    {
        var last = Directory.Exists(project)
            ? Directory.EnumerateFiles(project, "last.safetensors", SearchOption.AllDirectories)
                .OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
        return last ?? throw new CliException($"train: --resume found no weights/last.safetensors under {project}; give --resume <path to last.safetensors>");
    }
}
