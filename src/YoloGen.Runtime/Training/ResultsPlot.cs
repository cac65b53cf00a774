namespace YoloGen.Training;

/// <summary><c>results.png</c>: one small panel per results.csv column (losses, metrics), as the reference draws it.</summary>
public static class ResultsPlot
{
    private static readonly int[] Panels = [1, 2, 3, 4, 5, 8, 9, 10, 6, 7];

    public static void Write(string path, IReadOnlyList<EpochResult> rows)
    {
        if (rows.Count == 0) return;
        const int cols = 5, rowsOfPanels = 2, w = 400, h = 300;
        double[] epochs = rows.Select(r => (double)r.Epoch).ToArray();
        using var surface = SkiaSharp.SKSurface.Create(new SkiaSharp.SKImageInfo(cols * w, rowsOfPanels * h));
        var canvas = surface.Canvas;
        canvas.Clear(SkiaSharp.SKColors.White);
        for (int i = 0; i < Panels.Length; i++)
        {
            int column = Panels[i];
            double[] ys = rows.Select(r => r.Values()[column]).ToArray();
            var plot = new ScottPlot.Plot();
            var line = plot.Add.Scatter(epochs, ys);
            line.LegendText = "results";
            plot.Title(EpochResult.Columns[column]);
            plot.XLabel("epoch");
            using var image = SkiaSharp.SKImage.FromEncodedData(plot.GetImageBytes(w, h, ScottPlot.ImageFormat.Png));
            canvas.DrawImage(image, (i % cols) * w, (i / cols) * h);
        }
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SkiaSharp.SKEncodedImageFormat.Png, 90);
        string tmp = path + ".tmp";
        using (var f = File.Create(tmp)) data.SaveTo(f);
        File.Move(tmp, path, overwrite: true);
    }
}
