using YoloGen.Data;
using Xunit;

namespace YoloGen.Runtime.Tests.Data;

public sealed class HsvTests
{
    [Theory]
    [InlineData(255, 0, 0, 0, 255, 255)]
    [InlineData(0, 255, 0, 60, 255, 255)]
    [InlineData(0, 0, 255, 120, 255, 255)]
    [InlineData(255, 255, 0, 30, 255, 255)]
    [InlineData(255, 0, 255, 150, 255, 255)]
    [InlineData(128, 128, 128, 0, 0, 128)]
    [InlineData(0, 0, 0, 0, 0, 0)]
    [InlineData(200, 100, 50, 10, 191, 200)] // hue 20° → 10, s = 150/200·255 = 191.25
    public void Rgb_to_hsv_uses_opencv_8bit_ranges(int r, int g, int b, int h, int s, int v)
    {
        Assert.Equal(((byte)h, (byte)s, (byte)v), Hsv.FromRgb((byte)r, (byte)g, (byte)b));
    }

    [Fact]
    public void Hsv_round_trip_stays_within_the_8bit_hue_quantisation()
    {
        var rng = new Rng(7);
        for (var i = 0; i < 2000; i++)
        {
            byte r = (byte)rng.NextInt(256), g = (byte)rng.NextInt(256), b = (byte)rng.NextInt(256);
            var (h, s, v) = Hsv.FromRgb(r, g, b);
            var (r2, g2, b2) = Hsv.ToRgb(h, s, v);
            // Hue has 2° steps: the middle channel can move by up to V·S·(1°/60°), plus rounding.
            var tolerance = 2 + v * s / 255.0 / 60;
            Assert.True(Math.Abs(r - r2) <= tolerance && Math.Abs(g - g2) <= tolerance && Math.Abs(b - b2) <= tolerance,
                $"{(r, g, b)} → {(r2, g2, b2)}");
        }
    }

    [Fact]
    public void Value_gain_scales_brightness_and_saturation_gain_zero_gives_grey()
    {
        var img = new RgbImage(2, 1, [200, 100, 50, 40, 80, 120]);
        var darker = img.Clone();
        RandomHsv.ApplyGains(darker, 1, 1, 0.5);
        Assert.Equal(100, darker[0, 0].R); // V 200 → 100
        Assert.Equal(60, darker[1, 0].B);  // V 120 → 60

        var grey = img.Clone();
        RandomHsv.ApplyGains(grey, 1, 0, 1);
        Assert.Equal((200, 200, 200), ((int)grey[0, 0].R, (int)grey[0, 0].G, (int)grey[0, 0].B));
    }

    [Fact]
    public void Random_hsv_is_deterministic_for_a_stream()
    {
        var a = TestImages.WithRectangles(32, 32, (4, 4, 20, 20)).Image;
        var b = a.Clone();
        RandomHsv.Apply(a, 0.015, 0.7, 0.4, new Rng(3));
        RandomHsv.Apply(b, 0.015, 0.7, 0.4, new Rng(3));
        Assert.Equal(a.Pixels, b.Pixels);
    }
}
