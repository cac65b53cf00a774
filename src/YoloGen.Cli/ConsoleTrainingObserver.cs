using System.Globalization;
using Spectre.Console;
using YoloGen.Training;
using ValidationResult = YoloGen.Validation.ValidationResult;

namespace YoloGen.Cli;

/// <summary>
/// Training progress on the console: a progress bar per epoch with the running losses (plain lines when the output
/// is not a terminal, e.g. CI logs) and a metrics table after each epoch's validation.
/// </summary>
internal sealed class ConsoleTrainingObserver : ITrainingObserver
{
    private readonly bool _interactive = AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;
    private ProgressContext? _context;
    private ProgressTask? _task;
    private int _taskEpoch = -1;

    public T Run<T>(Func<T> body)
    {
        if (!_interactive) return body();
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                _context = ctx;
                result = body();
            });
        return result;
    }

    public void OnStart(TrainingStart s)
    {
        Write($"[bold]{Markup.Escape(s.Model)}[/] {s.Parameters:N0} parameters, {s.NumClasses} classes; " +
              $"train {s.TrainImages} images, val {s.ValImages} images ({Markup.Escape(s.DatasetYaml)})");
        Write($"optimizer {s.Optimizer.Name} (lr {s.Optimizer.Lr:G4}, momentum {s.Optimizer.Momentum}, weight decay {s.Optimizer.WeightDecay:G4}); " +
              $"{s.BatchesPerEpoch} batches per epoch; run folder {Markup.Escape(s.RunDirectory)}");
    }

    public void OnBatch(BatchProgress p)
    {
        string text = string.Create(CultureInfo.InvariantCulture,
            $"epoch {p.Epoch + 1}/{p.Epochs}  box {p.Box:F3}  cls {p.Cls:F3}  dfl {p.Dfl:F3}  inst {p.Instances,3}  {p.ImageSize}px  {p.ResidentBytes / (1 << 20)} MiB");
        if (_context is null)
        {
            if (p.Batch == p.Batches || p.Batch % 10 == 0 || p.Iteration % 50 == 0)
                Console.WriteLine($"{text}  batch {p.Batch}/{p.Batches}  it {p.Iteration}");
            return;
        }
        if (_taskEpoch != p.Epoch)
        {
            _task?.StopTask();
            _task = _context.AddTask(text, maxValue: p.Batches);
            _taskEpoch = p.Epoch;
        }
        _task!.Description = text;
        _task.Value = p.Batch;
    }

    public void OnValidationBatch(int epoch, int batch, int batches)
    {
        if (_task is not null) _task.Description = $"epoch {epoch + 1}: validating {batch}/{batches}";
    }

    public void OnEpochEnd(EpochResult r, ValidationResult v, bool isBest)
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumns("epoch", "images", "P", "R", "mAP50", "mAP50-95", "val box", "val cls", "val dfl", "time");
        table.AddRow(r.Epoch.ToString(CultureInfo.InvariantCulture), v.Images.ToString(CultureInfo.InvariantCulture),
            F(r.Precision), F(r.Recall), F(r.Map50), F(r.Map), F(r.ValBox), F(r.ValCls), F(r.ValDfl),
            r.Seconds.ToString("F1", CultureInfo.InvariantCulture) + "s" + (isBest ? " (best)" : ""));
        if (_context is null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {r.Epoch}: P {r.Precision:F4} R {r.Recall:F4} mAP50 {r.Map50:F4} mAP50-95 {r.Map:F4} val box {r.ValBox:F3} cls {r.ValCls:F3} dfl {r.ValDfl:F3} {r.Seconds:F1}s{(isBest ? " best" : "")}"));
        }
        else
        {
            AnsiConsole.Write(table);
        }
    }

    public void OnMessage(string message) => Write(Markup.Escape(message));

    private void Write(string markup)
    {
        if (_context is null) Console.WriteLine(Markup.Remove(markup));
        else AnsiConsole.MarkupLine(markup);
    }

    private static string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);
}
