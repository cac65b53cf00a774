using YoloGen.Data;
using Xunit;

namespace YoloGen.Runtime.Tests.Data;

/// <summary>Geometric augmentations must move boxes exactly as they move the pixels.</summary>
public sealed class AugmentGeometryTests
{
    private static readonly AugmentOptions GeometryOnly = AugmentOptions.Default with { HsvH = 0, HsvS = 0, HsvV = 0 };

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    [InlineData(4UL)]
    [InlineData(5UL)]
    public void Mosaic_then_affine_keeps_each_box_on_its_coloured_region(ulong seed)
    {
        const int s = 160;
        // Four tiles (long side = s), one rectangle each in a distinct colour; tile i uses colour i.
        var tiles = new[]
        {
            Tile(160, 120, 0, (30, 20, 110, 90)),
            Tile(120, 160, 1, (10, 40, 100, 150)),
            Tile(160, 160, 2, (60, 60, 140, 130)),
            Tile(160, 100, 3, (20, 10, 150, 80)),
        };
        var rng = new Rng(seed);

        var mosaic = Mosaic.Combine(tiles, s, rng);
        AssertBoxesMatchPixels(mosaic, tolerance: 0.01);
        var result = RandomAffine.Apply(mosaic, GeometryOnly, Mosaic.Border(s), rng);

        Assert.Equal((s, s), (result.Image.Width, result.Image.Height));
        AssertBoxesMatchPixels(result, tolerance: 1.5);
    }

    [Theory]
    [InlineData(11UL)]
    [InlineData(12UL)]
    [InlineData(13UL)]
    public void Letterbox_then_affine_with_rotation_shear_and_flip_keeps_boxes_consistent(ulong seed)
    {
        var input = TestImages.WithRectangles(200, 150, (20, 30, 80, 100), (120, 20, 190, 60), (100, 90, 180, 140));
        var boxed = Letterbox.Apply(input, 160, 160);
        var rng = new Rng(seed);

        var scaled = RandomAffine.Apply(boxed, GeometryOnly, 0, rng);
        AssertBoxesMatchPixels(scaled, tolerance: 1.5);
        var flipped = Flip.Horizontal(scaled);
        AssertBoxesMatchPixels(flipped, tolerance: 1.5);
        AssertBoxesMatchPixels(Flip.Vertical(flipped), tolerance: 1.5);

        // A rotated box is the bounding box of the rotated corners: it must contain the coloured region.
        var rotated = RandomAffine.Apply(boxed, GeometryOnly with { Degrees = 30, Shear = 5 }, 0, rng);
        foreach (var b in rotated.Boxes)
        {
            var r = TestImages.RegionOf(rotated.Image, TestImages.Colours[b.Cls]);
            Assert.NotNull(r);
            var (x1, y1, x2, y2) = r.Value;
            Assert.True(x1 >= b.X1 - 1.5 && y1 >= b.Y1 - 1.5 && x2 <= b.X2 + 1.5 && y2 <= b.Y2 + 1.5, $"{r} outside {b}");
        }
    }

    [Fact]
    public void Boxes_pushed_mostly_outside_the_canvas_are_dropped()
    {
        var input = TestImages.WithRectangles(100, 100, (0, 0, 10, 50), (40, 40, 60, 60));
        var m = Matrix3.Identity;
        m[0, 2] = -8; // shift left by 8: the first box keeps 2 px of width (≤ 2 → dropped), the second stays

        var moved = RandomAffine.Transform(input, m, 1.0, 100, 100, perspective: false);

        var b = Assert.Single(moved.Boxes);
        Assert.Equal(new PixelBox(1, 32, 40, 52, 60), b);
        Assert.Equal((32, 40, 52, 60), TestImages.RegionOf(moved.Image, TestImages.Colours[1]));
    }

    [Fact]
    public void Box_candidates_follow_the_reference_thresholds()
    {
        var before = new PixelBox(0, 0, 0, 100, 100);
        Assert.True(BoxCandidates.Keep(before, new PixelBox(0, 0, 0, 100, 11)));   // 11 % of the area
        Assert.False(BoxCandidates.Keep(before, new PixelBox(0, 0, 0, 100, 9)));   // 9 %
        Assert.False(BoxCandidates.Keep(before, new PixelBox(0, 0, 0, 2, 100)));   // 2 px wide
        Assert.False(BoxCandidates.Keep(new PixelBox(0, 0, 0, 400, 3.9f), new PixelBox(0, 0, 0, 400, 3.9f))); // ratio > 100
    }

    [Fact]
    public void Close_mosaic_turns_mosaic_off_for_the_last_epochs()
    {
        var o = AugmentOptions.Default; // close_mosaic 10
        Assert.True(o.MosaicActive(89, 100));
        Assert.False(o.MosaicActive(90, 100));
        Assert.False(o.MosaicActive(99, 100));
        Assert.False(o.MosaicActive(0, 10));
        Assert.True(o.MosaicActive(4, 5)); // close_mosaic > epochs: the closing epoch never comes
        Assert.True((o with { CloseMosaic = 0 }).MosaicActive(99, 100));
        Assert.False((o with { Mosaic = 0 }).MosaicActive(0, 100));
    }

    private static LabeledImage Tile(int w, int h, int colour, (int X1, int Y1, int X2, int Y2) rect)
    {
        var rects = new (int, int, int, int)[colour + 1];
        for (var i = 0; i < colour; i++)
            rects[i] = (0, 0, 0, 0); // empty rectangles keep colour i paired with class i
        rects[colour] = rect;
        var t = TestImages.WithRectangles(w, h, rects);
        return t with { Boxes = [t.Boxes[colour]] };
    }

    private static void AssertBoxesMatchPixels(LabeledImage li, double tolerance)
    {
        foreach (var b in li.Boxes)
        {
            var r = TestImages.RegionOf(li.Image, TestImages.Colours[b.Cls]);
            Assert.True(r is not null, $"no pixels of class {b.Cls} for box {b}");
            var (x1, y1, x2, y2) = r!.Value;
            Assert.True(Math.Abs(x1 - b.X1) <= tolerance && Math.Abs(y1 - b.Y1) <= tolerance
                        && Math.Abs(x2 - b.X2) <= tolerance && Math.Abs(y2 - b.Y2) <= tolerance,
                $"box {b} vs pixels {r}");
        }
    }
}
