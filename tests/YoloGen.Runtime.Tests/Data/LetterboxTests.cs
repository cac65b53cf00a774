using YoloGen.Data;
using Xunit;

namespace YoloGen.Runtime.Tests.Data;

public sealed class LetterboxTests
{
    [Fact]
    public void Landscape_image_is_scaled_to_fit_and_padded_top_and_bottom_with_grey_114()
    {
        var src = TestImages.WithRectangles(400, 300, (0, 0, 400, 300)).Image; // fully red

        var (img, g) = Letterbox.Apply(src, 320, 320);

        Assert.Equal((320, 320), (img.Width, img.Height));
        Assert.Equal((0.8, 0.8), (g.GainX, g.GainY));
        Assert.Equal((0, 40), (g.PadLeft, g.PadTop));
        Assert.Equal((114, 114, 114), ToInts(img[160, 39]));
        Assert.Equal((255, 0, 0), ToInts(img[160, 40]));
        Assert.Equal((255, 0, 0), ToInts(img[160, 279]));
        Assert.Equal((114, 114, 114), ToInts(img[160, 280]));
    }

    [Fact]
    public void Odd_padding_puts_the_extra_pixel_right_like_the_reference()
    {
        // 11×10 into 32×32: r = 32/11, height round(29.09) = 29, dh = 3 / 2 = 1.5 → top round(1.4) = 1,
        // bottom round(1.6) = 2.
        var (img, g) = Letterbox.Apply(RgbImage.Filled(11, 10, 0), 32, 32);
        Assert.Equal((32, 32), (img.Width, img.Height));
        Assert.Equal((0, 1), (g.PadLeft, g.PadTop));
        Assert.Equal(29.0 / 10, g.GainY, 12);
        Assert.Equal((0, 0, 0), ToInts(img[0, 1]));
        Assert.Equal((0, 0, 0), ToInts(img[0, 29]));
        Assert.Equal((114, 114, 114), ToInts(img[0, 30]));
        Assert.Equal((114, 114, 114), ToInts(img[0, 0]));
    }

    [Fact]
    public void Auto_mode_pads_only_to_the_stride_and_no_scaleup_keeps_small_images()
    {
        var (auto, ga) = Letterbox.Apply(RgbImage.Filled(400, 300, 0), 320, 320, auto: true, stride: 32);
        Assert.Equal((320, 256), (auto.Width, auto.Height)); // 240 + (80 mod 32 = 16)
        Assert.Equal(8, ga.PadTop);

        var (small, gs) = Letterbox.Apply(RgbImage.Filled(100, 50, 0), 320, 320, scaleUp: false);
        Assert.Equal((1.0, 1.0), (gs.GainX, gs.GainY));
        Assert.Equal((110, 135), (gs.PadLeft, gs.PadTop));
        Assert.Equal((320, 320), (small.Width, small.Height));
    }

    [Fact]
    public void Boxes_map_to_the_canvas_and_back()
    {
        var input = TestImages.WithRectangles(400, 300, (40, 30, 200, 150));
        var boxed = Letterbox.Apply(input, 320, 320, scaleUp: true, out var g);

        var b = Assert.Single(boxed.Boxes);
        Assert.Equal(new PixelBox(0, 32, 64, 160, 160), b);
        var region = TestImages.RegionOf(boxed.Image, TestImages.Colours[0]);
        Assert.Equal((32, 64, 160, 160), region);
        var (x1, y1, x2, y2) = g.ToSource(b.X1, b.Y1, b.X2, b.Y2);
        Assert.Equal((40.0, 30.0, 200.0, 150.0), (x1, y1, x2, y2));
        Assert.Equal((0.0, 0.0, 400.0, 300.0), g.ToSource(-5, 0, 400, 999)); // clipped to the source
    }

    [Fact]
    public void Geometry_composes_with_a_previous_resize()
    {
        // 800×600 original → loaded at 400×300 → letterboxed to 320: overall gain 0.4.
        var g = new LetterboxGeometry(400, 300, 320, 320, 0.8, 0.8, 0, 40).After(800, 600);
        Assert.Equal((0.4, 0.4), (g.GainX, g.GainY));
        Assert.Equal((800, 600), (g.SourceWidth, g.SourceHeight));
        Assert.Equal((100.0, 100.0, 700.0, 500.0), g.ToSource(40, 80, 280, 240));
    }

    [Fact]
    public void Bilinear_resize_samples_pixel_centres_like_opencv()
    {
        // 2×1 image [0, 200] upscaled to 4×1: centres at −0.25 (clamped), 0.25, 0.75, 1.25 (clamped).
        var src = new RgbImage(2, 1, [0, 0, 0, 200, 200, 200]);
        var dst = Resize.Bilinear(src, 4, 1);
        Assert.Equal(new byte[] { 0, 50, 150, 200 }, Enumerable.Range(0, 4).Select(x => dst[x, 0].R));
    }

    private static (int, int, int) ToInts((byte R, byte G, byte B) p) => (p.R, p.G, p.B);
}
