using System.Globalization;

namespace YoloGen.Data;

/// <summary>Result of reading one label file: the boxes kept and what was skipped.</summary>
public sealed record LabelFileResult(LabelBox[] Boxes, int CorruptLines, int Duplicates, IReadOnlyList<DatasetWarning> Warnings);

/// <summary>
/// Parses a label file: one object per line, <c>class cx cy w h</c> normalized to 0..1 (a polygon line
/// <c>class x1 y1 x2 y2 x3 y3 ...</c> is reduced to its bounding box, as the reference does). A line that
/// cannot be used is skipped with a warning naming file and line; exact repeats of a line are dropped.
/// </summary>
public static class LabelFileParser
{
    public static LabelFileResult Parse(string path, string text, int numClasses)
    {
        var boxes = new List<LabelBox>();
        var warnings = new List<DatasetWarning>();
        var seen = new HashSet<LabelBox>();
        int corrupt = 0, duplicates = 0, lineNo = 0;
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            lineNo++;
            var line = rawLine.Trim();
            if (line.IsEmpty)
                continue;
            var error = TryParseLine(line, numClasses, out var box);
            if (error is not null)
            {
                corrupt++;
                warnings.Add(new DatasetWarning(path, lineNo, $"label line skipped: {error}"));
            }
            else if (!seen.Add(box))
            {
                duplicates++;
                warnings.Add(new DatasetWarning(path, lineNo, "duplicate label line removed"));
            }
            else
            {
                boxes.Add(box);
            }
        }
        return new LabelFileResult(boxes.ToArray(), corrupt, duplicates, warnings);
    }

    private static string? TryParseLine(ReadOnlySpan<char> line, int numClasses, out LabelBox box)
    {
        box = default;
        var values = new List<double>(8);
        foreach (var range in line.SplitAny(" \t"))
        {
            var token = line[range];
            if (token.IsEmpty)
                continue;
            if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                return $"'{token}' is not a number";
            values.Add(v);
        }
        var isPolygon = values.Count >= 7 && values.Count % 2 == 1;
        if (values.Count != 5 && !isPolygon)
            return $"expected 5 values 'class cx cy w h', found {values.Count}";

        var cls = values[0];
        if (cls < 0 || cls != Math.Floor(cls))
            return $"class '{cls.ToString(CultureInfo.InvariantCulture)}' is not a non-negative integer";
        if (cls >= numClasses)
            return $"class {cls} exceeds the dataset's {numClasses} classes (0-{numClasses - 1})";
        for (var i = 1; i < values.Count; i++)
        {
            if (values[i] < 0 || values[i] > 1)
                return "coordinates must be normalized to 0..1";
        }

        double cx, cy, w, h;
        if (isPolygon)
        {
            double x1 = 1, y1 = 1, x2 = 0, y2 = 0;
            for (var i = 1; i < values.Count; i += 2)
            {
                x1 = Math.Min(x1, values[i]);
                x2 = Math.Max(x2, values[i]);
                y1 = Math.Min(y1, values[i + 1]);
                y2 = Math.Max(y2, values[i + 1]);
            }
            (cx, cy, w, h) = ((x1 + x2) / 2, (y1 + y2) / 2, x2 - x1, y2 - y1);
        }
        else
        {
            (cx, cy, w, h) = (values[1], values[2], values[3], values[4]);
        }
        if (w <= 0 || h <= 0)
            return "box has zero width or height";
        box = new LabelBox((int)cls, (float)cx, (float)cy, (float)w, (float)h);
        return null;
    }
}
