using YoloGen.IO;
using YoloGen.IO.Checkpoints;
using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using YoloGen.Data;
using YoloGen.Models;
using YoloGen.Training.Loss;
using YoloGen.Validation;
using static TorchSharp.torch;

namespace YoloGen.Training;

/// <summary>
/// Trains a generated detection network with the reference recipe: augmented batches, the v8 detection loss,
/// gradient accumulation up to the nominal batch, warm-up of learning rates and momentum, a linear or cosine
/// schedule, gradient clipping, an EMA of the weights that is validated every epoch, and atomic checkpoints
/// (<c>last</c> every epoch, <c>best</c> at the best fitness) from which a killed run resumes on the same schedule.
/// </summary>
public sealed class Trainer
{
    private readonly Func<int, DetectionModel> _createModel;
    private readonly ITrainingObserver _observer;

    /// <param name="createModel">Builds the network for a number of classes (e.g. <c>nc => YoloModels.Create(name, nc)</c>).</param>
    public Trainer(Func<int, DetectionModel> createModel, ITrainingObserver? observer = null)
    {
        _createModel = createModel;
        _observer = observer ?? new SilentObserver();
    }

    /// <summary>Writes best.pt; a network with a module the reference lacks (a custom block) is reported once and skipped.</summary>
    private static bool WriteBestPt(string path, DetectionModel ema, IReadOnlyList<string> names, TrainOptions o, ITrainingObserver observer)
    {
        var args = new Dictionary<string, object?>
        {
            ["model"] = o.Model + ".yaml", ["data"] = o.Data, ["epochs"] = (long)o.Epochs, ["imgsz"] = (long)o.ImageSize,
            ["batch"] = (long)o.Batch, ["task"] = "detect", ["mode"] = "train",
        };
        try
        {
            using var scope = TorchSharp.torch.NewDisposeScope(); // the half-precision copies written die with the call
            UltralyticsCheckpointWriter.Write(path, ema, names, new CheckpointWriteOptions { TrainArgs = args });
            return true;
        }
        catch (WeightsException e)
        {
            observer.OnMessage($"best.pt is not written: {e.Message}");
            return false;
        }
    }

    /// <summary>Starts a new run in a fresh folder <c>project/name</c>, <c>name2</c>, ….</summary>
    public TrainResult Train(TrainOptions options) => Run(options, RunDirectory.CreateNew(options.Project, options.Name), resumeFrom: null);

    /// <summary>Continues the run that wrote <paramref name="lastCheckpoint"/> with its own options and schedule.</summary>
    public TrainResult Resume(string lastCheckpoint)
    {
        var info = Checkpoint.ReadInfo(lastCheckpoint)
            ?? throw new IO.WeightsException($"{lastCheckpoint}: not a training checkpoint; --resume needs weights/last.safetensors of a run");
        if (info.Epoch >= info.Epochs)
            throw new InvalidOperationException($"{lastCheckpoint}: the run already finished all {info.Epochs} epochs; nothing to resume");
        return Run(info.Args, RunDirectory.FromCheckpoint(lastCheckpoint), lastCheckpoint);
    }

    private TrainResult Run(TrainOptions o, RunDirectory run, string? resumeFrom)
    {
        var device = ParseDevice(o.Device);
        torch.manual_seed(o.Seed);
        string dataYaml = o.Data ?? SyntheticDataset.Ensure(Path.Combine("datasets", "synthetic"));
        var config = DatasetConfig.Load(dataYaml);
        var trainSet = DetectionDataset.Load(config, "train");
        var valSet = DetectionDataset.Load(config, "val");
        foreach (var w in trainSet.Report.Warnings.Concat(valSet.Report.Warnings)) _observer.OnMessage(w.ToString());
        int nc = config.NumClasses;

        var augment = AugmentOptions.Default with { CloseMosaic = o.CloseMosaic };
        var loader = new TrainLoader(trainSet, new LoaderOptions
        {
            ImageSize = o.ImageSize, BatchSize = o.Batch, Workers = o.Workers, Seed = o.Seed, Epochs = o.Epochs, Augment = augment, CacheImages = o.Cache,
        });
        var valLoader = new ValLoader(valSet, new LoaderOptions
        {
            ImageSize = o.ImageSize, BatchSize = o.Batch * 2, Workers = o.Workers, Shuffle = false, Rect = true, Augment = AugmentOptions.None, CacheImages = o.Cache,
        });

        using var model = _createModel(nc);
        using var emaModel = _createModel(nc);
        if (o.Pretrained is not null && resumeFrom is null) _observer.OnMessage(WeightsFile.Transfer(model, o.Pretrained));
        model.to(device);
        emaModel.to(device);
        model.train();
        int nb = loader.BatchesPerEpoch;
        long iterations = (long)Math.Ceiling((double)trainSet.Count / Math.Max(o.Batch, o.NominalBatch)) * o.Epochs;
        var (optimizer, choice) = OptimizerFactory.Create(model, o, nc, iterations, o.Batch);
        var ema = new ModelEma(model, emaModel);
        var loss = new DetectionLoss(nc, model.Strides, gains: new LossGains(o.Box, o.Cls, o.Dfl));

        int startEpoch = 0;
        bool ptRefused = false;
        double bestFitness = double.NegativeInfinity;
        var rows = new List<EpochResult>();
        if (resumeFrom is not null)
        {
            var info = Checkpoint.Restore(resumeFrom, emaModel, model, optimizer);
            ema.Restore(info.EmaUpdates);
            startEpoch = info.Epoch;
            bestFitness = info.BestFitness;
            rows = ResultsFile.Read(run.ResultsCsv).Where(r => r.Epoch <= startEpoch).ToList();
            _observer.OnMessage($"Resuming {run.Path} from epoch {startEpoch + 1} of {o.Epochs}");
        }
        RunDirectory.WriteAllTextAtomic(run.ArgsYaml, o.ToYaml());
        _observer.OnStart(new TrainingStart(run.Path, model.ModelName, Path.GetFullPath(dataYaml), trainSet.Count, valSet.Count, nc,
            nb, startEpoch, o.Epochs, choice, model.parameters().Sum(p => p.numel())));

        int warmupIterations = o.WarmupEpochs > 0 ? Math.Max((int)Math.Round(o.WarmupEpochs * nb), 100) : -1;
        var accumulation = new AccumulationSchedule(warmupIterations, o.NominalBatch, o.Batch);
        long lastStep = accumulation.LastStepBefore((long)startEpoch * nb); // where the uninterrupted run stepped last
        int patienceLeft = o.Patience - EpochsSinceBest(rows); // a resumed run keeps counting where it stopped
        var groups = optimizer.ParamGroups.ToArray();
        var trainable = model.parameters().Where(p => p.requires_grad).ToArray();

        for (int epoch = startEpoch; epoch < o.Epochs; epoch++)
        {
            var watch = Stopwatch.StartNew();
            double lf = LearningRateSchedule.Factor(epoch, o.Epochs, o.Lrf, o.CosineLr);
            foreach (var g in groups) g.LearningRate = g.InitialLearningRate * lf;
            model.train();
            using (NewDisposeScope()) optimizer.zero_grad(); // the gradient handles it touches are not ours to keep
            double sumBox = 0, sumCls = 0, sumDfl = 0;
            int i = 0;
            foreach (var epochBatch in loader.Epoch(epoch))
            {
                using var batch = epochBatch; // returns its pixel buffer to the loader's pool
                long ni = i + (long)nb * epoch;
                if (ni <= warmupIterations)
                {
                    for (int j = 0; j < groups.Length; j++)
                    {
                        double start = j == 0 ? choice.WarmupBiasLr : 0.0;
                        groups[j].LearningRate = LearningRateSchedule.Interpolate(ni, 0, warmupIterations, start, groups[j].InitialLearningRate * lf);
                        if (groups[j] is SGD.ParamGroup sgd)
                            sgd.Momentum = LearningRateSchedule.Interpolate(ni, 0, warmupIterations, o.WarmupMomentum, choice.Momentum);
                    }
                }

                using (var scope = NewDisposeScope())
                {
                    var t = batch.ToTensors(device);
                    var output = model.forward(t.Images);
                    using var result = loss.Compute(output.Raw, new DetectionTargets(t.BatchIdx, t.Cls, t.Bboxes), (batch.Height, batch.Width));
                    result.Total.backward();
                    var items = result.Items.detach().cpu().to(ScalarType.Float64).data<double>().ToArray();
                    sumBox += items[0];
                    sumCls += items[1];
                    sumDfl += items[2];
                }

                if (accumulation.Steps(ni, lastStep))
                {
                    using var stepScope = NewDisposeScope(); // temporaries of clipping and the update
                    nn.utils.clip_grad_norm_(trainable, o.MaxGradNorm);
                    optimizer.step();
                    optimizer.zero_grad();
                    ema.Update();
                    lastStep = ni;
                }
                i++;
                _observer.OnBatch(new BatchProgress(epoch, o.Epochs, i, nb, sumBox / i, sumCls / i, sumDfl / i,
                    batch.TargetCount, batch.Width, ni + 1, Environment.WorkingSet));
            }

            double[] lrs = groups.Select(g => g.LearningRate).ToArray();
            var validation = Validator.Run(emaModel, valLoader, loss, device, progress: (k, n) => _observer.OnValidationBatch(epoch, k, n));
            var m = validation.Metrics;
            int done = epoch + 1;
            var row = new EpochResult(done, sumBox / Math.Max(i, 1), sumCls / Math.Max(i, 1), sumDfl / Math.Max(i, 1),
                m.MeanPrecision, m.MeanRecall, m.Map50, m.Map, validation.Box, validation.Cls, validation.Dfl,
                lrs[0], lrs[Math.Min(1, lrs.Length - 1)], lrs[Math.Min(2, lrs.Length - 1)], watch.Elapsed.TotalSeconds);
            bool isBest = m.Fitness >= bestFitness; // a tie is an improvement: the later epoch becomes best (the reference's rule)
            if (isBest) { bestFitness = m.Fitness; patienceLeft = o.Patience; } else patienceLeft--;
            rows.Add(row);

            // Checkpoint first, then the files derived from it: a kill between the two only loses a row that resume rewrites.
            var record = new CheckpointInfo(model.ModelName, done, o.Epochs, bestFitness, ema.Updates, choice.Name,
                config.Names.ToArray(), o, Checkpoint.Now());
            Checkpoint.Save(run.Last, emaModel, model, optimizer, record);
            if (isBest) RunDirectory.CopyAtomic(run.Last, run.Best); // the same record: no second serialisation
            if (isBest && o.SavePt && !ptRefused) ptRefused = !WriteBestPt(run.BestPt, emaModel, config.Names, o, _observer);
            ResultsFile.Write(run.ResultsCsv, rows);
            if (o.Plots) ResultsPlot.Write(run.ResultsPng, rows);
            _observer.OnEpochEnd(row, validation, isBest);
            ReleaseEpochGarbage();

            if (patienceLeft <= 0 && done < o.Epochs)
            {
                _observer.OnMessage($"Stopping early: no improvement in the last {o.Patience} epochs (best fitness {bestFitness:F5})");
                break;
            }
        }
        return new TrainResult(run.Path, rows, bestFitness, run.Last, run.Best);
    }

    /// <summary>Epochs after the last one that reached the highest fitness of <paramref name="rows"/> (0 when empty).</summary>
    private static int EpochsSinceBest(IReadOnlyList<EpochResult> rows)
    {
        int best = -1;
        for (int k = 0; k < rows.Count; k++)
            if (best < 0 || rows[k].Fitness >= rows[best].Fitness) best = k;
        return rows.Count - 1 - best;
    }

    /// <summary>
    /// Once per epoch, a full compacting collection. Training batches reuse their buffers, but validation, checkpoint
    /// serialisation and plots leave tens of MB of large arrays behind every epoch; only full collections reclaim the
    /// large-object heap, and left to itself the runtime lets such garbage build up to hundreds of MB between them.
    /// </summary>
    private static void ReleaseEpochGarbage()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    /// <summary><c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>; CUDA needs the CUDA backend (build with -p:YoloGenBackend=cuda) and a GPU.</summary>
    public static Device ParseDevice(string text)
    {
        if (string.Equals(text, "cpu", StringComparison.OrdinalIgnoreCase)) return CPU;
        if (text.StartsWith("cuda", StringComparison.OrdinalIgnoreCase))
        {
            if (!cuda.is_available())
                throw new ArgumentException($"device '{text}': CUDA is not available (no GPU, or YoloGen was built with the CPU backend; build with -p:YoloGenBackend=cuda)");
            return torch.device(text.ToLowerInvariant());
        }
        throw new ArgumentException($"device '{text}' is not supported; use cpu, cuda or cuda:N");
    }

    private sealed class SilentObserver : ITrainingObserver { }
}
