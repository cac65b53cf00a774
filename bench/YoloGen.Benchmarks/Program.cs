using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// dotnet run -c Release --project bench/YoloGen.Benchmarks -- --filter '*'   (BenchmarkDotNet's usual arguments)
// Runs in process: TorchSharp's native libraries are already beside this program (and patched, see DEVELOPERS.md);
// a generated benchmark project would have to repeat that. Pass --job/--inProcess etc. to use BenchmarkDotNet's own jobs.
bool ownJob = args.Any(a => a is "--job" or "-j" or "--inProcess" or "-i" or "--runtimes" or "-r");
var config = ownJob
    ? DefaultConfig.Instance
    : DefaultConfig.Instance.AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15).WithToolchain(InProcessEmitToolchain.Instance));
BenchmarkSwitcher.FromAssembly(typeof(YoloGen.Benchmarks.Torch).Assembly)
    .Run(args, config.WithOptions(ConfigOptions.DisableOptimizationsValidator)
        .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(40)));
