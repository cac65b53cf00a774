using YoloGen.Training;

namespace YoloGen.Cli.Commands;

/// <summary>
/// <c>yologen train [--model yolo11n] [--data data.yaml] [--epochs N] [--imgsz N] [--batch N] [--device cpu|cuda:0]
/// [--workers N] [--optimizer auto|SGD|AdamW] [--lr0 x] [--seed N] [--resume [weights/last.safetensors]] …</c>.
/// Without <c>--data</c> it trains on the embedded synthetic dataset (generated once into <c>datasets/synthetic</c>)
/// with <see cref="TrainOptions.SyntheticDefaults"/>; with <c>--data</c> the reference's defaults apply.
/// </summary>
public static class TrainCommand
{
    public static int Run(CliArgs args)
    {
        string? data = args.String("data");
        var d = data is null ? TrainOptions.SyntheticDefaults : new TrainOptions();
        var (resumeGiven, resume) = args.Optional("resume");
        bool resumeLatest = resumeGiven && resume is null;
        var o = d with
        {
            Model = args.String("model") ?? d.Model,
            Data = data,
            Epochs = args.Int("epochs", d.Epochs, min: 1),
            ImageSize = args.Int("imgsz", d.ImageSize, min: 32, max: 4096),
            Batch = args.Int("batch", d.Batch, min: 1, max: 4096),
            Device = args.String("device") ?? d.Device,
            Workers = args.Int("workers", d.Workers, min: 0, max: 64),
            Optimizer = args.Choice("optimizer", d.Optimizer, "auto", "SGD", "AdamW"),
            Lr0 = args.Double("lr0", d.Lr0, min: 0, max: 10),
            Lrf = args.Double("lrf", d.Lrf, min: 0, max: 1),
            Momentum = args.Double("momentum", d.Momentum, min: 0, max: 1),
            WeightDecay = args.Double("weight-decay", d.WeightDecay, min: 0, max: 1),
            WarmupEpochs = args.Double("warmup-epochs", d.WarmupEpochs, min: 0, max: 1000),
            CosineLr = args.Flag("cos-lr"),
            CloseMosaic = args.Int("close-mosaic", d.CloseMosaic, min: 0),
            Seed = args.Int("seed", d.Seed, min: 0),
            Patience = args.Int("patience", d.Patience, min: 1),
            NominalBatch = args.Int("nbs", d.NominalBatch, min: 1),
            Cache = !args.Flag("no-cache"),
            Project = args.String("project") ?? d.Project,
            Name = args.String("name") ?? d.Name,
            Plots = !args.Flag("no-plots"),
            SavePt = !args.Flag("no-pt"),
            Pretrained = args.String("pretrained"),
        };
        args.EnsureAllUsed();
        ModelLookup.Device("train", o.Device); // an unknown or unavailable device fails before any data work

        int imgsz = (o.ImageSize + 31) / 32 * 32;
        if (imgsz != o.ImageSize)
        {
            Console.Error.WriteLine($"train: --imgsz {o.ImageSize} is not a multiple of the maximum stride 32; using {imgsz}");
            o = o with { ImageSize = imgsz };
        }
        if (resumeLatest) resume = LatestRun(o.Project);
        if (resume is null) ModelLookup.Create("train", o.Model).Dispose(); // unknown model: fail before any data work

        // Pooled tensor memory: glibc's heap would keep growing with fragmentation for the first hundred-odd iterations.
        YoloGen.TensorMemoryPool.Install();
        var observer = new ConsoleTrainingObserver();
        var trainer = new Trainer(nc => ModelLookup.Create("train", resume is null ? o.Model : ResumedModel(resume), nc), observer);
        var result = observer.Run(() => resume is null ? trainer.Train(o) : trainer.Resume(resume));
        Console.WriteLine($"Results saved to {result.RunDirectory} (best fitness {result.BestFitness:F5}; weights {result.Best})");
        return 0;
    }

    private static string ResumedModel(string checkpoint) =>
        Checkpoint.ReadInfo(checkpoint)?.Model ?? throw new CliException($"train: {checkpoint} is not a training checkpoint");

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
