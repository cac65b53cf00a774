namespace YoloGen.Training;

/// <summary>
/// When the optimizer steps: after every <c>round(nominal batch / batch)</c> batches, rising linearly from 1 during the
/// warm-up, counted over the whole run (an epoch boundary does not reset the count). The schedule is a function of the
/// iteration alone, so a resumed run recovers the last step of the epochs it skips by replaying it.
/// </summary>
public sealed class AccumulationSchedule(int warmupIterations, int nominalBatch, int batch)
{
    /// <summary>Batches per optimizer step after the warm-up.</summary>
    public int Nominal { get; } = Math.Max((int)Math.Round((double)nominalBatch / batch), 1);

    /// <summary>Batches per optimizer step at iteration <paramref name="ni"/> (0-based over the run).</summary>
    public int At(long ni) => ni <= warmupIterations
        ? Math.Max(1, (int)Math.Round(LearningRateSchedule.Interpolate(ni, 0, warmupIterations, 1, (double)nominalBatch / batch)))
        : Nominal;

    /// <summary>Whether the optimizer steps after iteration <paramref name="ni"/>, given the iteration of the last step.</summary>
    public bool Steps(long ni, long lastStep) => ni - lastStep >= At(ni);

    /// <summary>The iteration of the last optimizer step before <paramref name="ni"/> (-1 when none): where a resumed run starts counting.</summary>
    public long LastStepBefore(long ni)
    {
        long last = -1;
        for (long i = 0; i < ni; i++)
            if (Steps(i, last)) last = i;
        return last;
    }
}
