using YoloGen.Data;
using Xunit;

namespace YoloGen.Runtime.Tests.Data;

public sealed class LabelFileParserTests
{
    [Fact]
    public void Good_lines_are_kept_and_every_corrupt_line_is_counted_with_its_line_number()
    {
        const string text =
            "0 0.5 0.5 0.2 0.4\n" +       // 1 ok
            "\n" +                          // 2 blank: ignored
            "1 0.1 0.2 0.3\n" +             // 3 four values
            "2 0.5 0.5 0.1 0.1\n" +        // 4 ok
            "x 0.5 0.5 0.1 0.1\n" +        // 5 not a number
            "3 0.5 0.5 0.1 0.1\n" +        // 6 class out of range (nc 3)
            "1 1.5 0.5 0.1 0.1\n" +        // 7 not normalized
            "1 0.5 0.5 0 0.1\n" +          // 8 zero width
            "-1 0.5 0.5 0.1 0.1\n" +       // 9 negative class
            "1.5 0.5 0.5 0.1 0.1\n" +      // 10 fractional class
            "0 0.5 0.5 0.2 0.4\n" +        // 11 duplicate of line 1
            "  1\t0.25 0.75 0.5 0.5  \n";  // 12 ok (tabs, padding)

        var r = LabelFileParser.Parse("/d/labels/a.txt", text, numClasses: 3);

        Assert.Equal(
            [new LabelBox(0, 0.5f, 0.5f, 0.2f, 0.4f), new LabelBox(2, 0.5f, 0.5f, 0.1f, 0.1f), new LabelBox(1, 0.25f, 0.75f, 0.5f, 0.5f)],
            r.Boxes);
        Assert.Equal(7, r.CorruptLines);
        Assert.Equal(1, r.Duplicates);
        Assert.Equal([3, 5, 6, 7, 8, 9, 10, 11], r.Warnings.Select(w => w.Line!.Value));
        Assert.All(r.Warnings, w => Assert.Equal("/d/labels/a.txt", w.File));
        Assert.Contains("found 4", r.Warnings[0].Message);
        Assert.Contains("'x' is not a number", r.Warnings[1].Message);
        Assert.Contains("exceeds", r.Warnings[2].Message);
        Assert.Contains("duplicate", r.Warnings[7].Message);
        Assert.StartsWith("/d/labels/a.txt:3: label line skipped", r.Warnings[0].ToString());
    }

    [Fact]
    public void Polygon_lines_become_their_bounding_box()
    {
        var r = LabelFileParser.Parse("p.txt", "1 0.1 0.2 0.5 0.2 0.3 0.6\n", numClasses: 2);
        var b = Assert.Single(r.Boxes);
        Assert.Equal(1, b.Cls);
        Assert.Equal(0.3f, b.Cx, 6);
        Assert.Equal(0.4f, b.Cy, 6);
        Assert.Equal(0.4f, b.W, 6);
        Assert.Equal(0.4f, b.H, 6);
    }

    [Fact]
    public void Empty_file_gives_no_boxes_and_no_warnings()
    {
        var r = LabelFileParser.Parse("e.txt", "\n\n", 1);
        Assert.Empty(r.Boxes);
        Assert.Empty(r.Warnings);
    }
}
