using System.Diagnostics;

namespace YoloGen.Cli.Bench;

/// <summary>Wall-clock times of repeated runs after warm-up runs, and their median, minimum and maximum.</summary>
internal sealed record RunTimes(double[] Milliseconds)
{
    public static RunTimes Measure(int warmup, int runs, Action run)
    {
        for (int i = 0; i < warmup; i++) run();
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            run();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return new RunTimes(times);
    }

    public double Median
    {
        get
        {
            var sorted = Milliseconds.Order().ToArray();
            int n = sorted.Length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    }

    public double Min => Milliseconds.Min();

    public double Max => Milliseconds.Max();
}
