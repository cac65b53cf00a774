using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Data;

/// <summary>RGB HWC bytes → CHW planes (float 0..1 or bytes) and TorchSharp tensors.</summary>
public static class ImageTensors
{
    private const float Inv255 = 1f / 255f;

    /// <summary>Writes the image as three planes R, G, B of floats in 0..1 into <paramref name="dst"/> (length 3·H·W).</summary>
    public static void WriteChwFloat(RgbImage img, Span<float> dst)
    {
        var plane = img.Width * img.Height;
        if (dst.Length < 3 * plane)
            throw new ArgumentException($"destination holds {dst.Length} floats, the image needs {3 * plane}", nameof(dst));
        var p = img.Pixels;
        for (int i = 0, j = 0; i < plane; i++, j += 3)
        {
            dst[i] = p[j] * Inv255;
            dst[plane + i] = p[j + 1] * Inv255;
            dst[2 * plane + i] = p[j + 2] * Inv255;
        }
    }

    public static float[] ToChwFloat(RgbImage img)
    {
        var dst = new float[3 * img.Width * img.Height];
        WriteChwFloat(img, dst);
        return dst;
    }

    public static byte[] ToChwBytes(RgbImage img)
    {
        var plane = img.Width * img.Height;
        var dst = new byte[3 * plane];
        var p = img.Pixels;
        for (int i = 0, j = 0; i < plane; i++, j += 3)
        {
            dst[i] = p[j];
            dst[plane + i] = p[j + 1];
            dst[2 * plane + i] = p[j + 2];
        }
        return dst;
    }

    /// <summary>A (3, H, W) float32 tensor in 0..1.</summary>
    public static Tensor ToTensor(RgbImage img, Device? device = null) =>
        FromArray(ToChwFloat(img), [3, img.Height, img.Width], device);

    /// <summary>A (3, H, W) uint8 tensor.</summary>
    public static Tensor ToByteTensor(RgbImage img, Device? device = null)
    {
        var bytes = ToChwBytes(img);
        var t = torch.empty([3, img.Height, img.Width], ScalarType.Byte);
        t.data<byte>().CopyFrom(bytes);
        return device is null ? t : MoveTo(t, device);
    }

    /// <summary>Copies <paramref name="data"/> into a new float32 tensor of the given shape.</summary>
    public static Tensor FromArray(float[] data, long[] shape, Device? device = null)
    {
        var t = torch.empty(shape, ScalarType.Float32);
        if (data.Length > 0)
            t.data<float>().CopyFrom(data);
        return device is null ? t : MoveTo(t, device);
    }

    private static Tensor MoveTo(Tensor t, Device device)
    {
        if (device.type == DeviceType.CPU)
            return t;
        var moved = t.to(device);
        t.Dispose();
        return moved;
    }
}
