using YoloGen.IO;
using YoloGen.IO.Checkpoints;
using YoloGen.Models;
using Xunit;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.IO.Checkpoints;

/// <summary>Checkpoints written from a generated network read back with the same weights, structure and outputs.</summary>
public class CheckpointWriterTests
{
    [Fact]
    public void A_written_checkpoint_reads_back_with_the_reference_layout_and_the_same_outputs()
    {
        using var temp = new TempFolder();
        using var source = UltralyticsCheckpoint.Read(TestPaths.Checkpoint("yolo11n-seed0.v830.pt"));
        using var model = new Yolo11n(source.Nc, ReferenceRules.V8_3);
        source.LoadInto(model);
        string path = temp.File("best.pt");
        UltralyticsCheckpointWriter.Write(path, model, source.Names);

        using var back = UltralyticsCheckpoint.Read(path);
        Assert.Equal(source.Weights.Select(w => w.Name), back.Weights.Select(w => w.Name));
        foreach (var ((name, a), (_, b)) in source.Weights.Zip(back.Weights))
            Assert.True(ReferenceCheckpointTests.SameBits(a, b), name);
        Assert.Equal(source.Names, back.Names);
        Assert.Equal(source.Stride, back.Stride);
        Assert.Equal(source.Structure.Layers.Select(l => (l.Index, l.Type, string.Join(",", l.From), l.Parameters)),
            back.Structure.Layers.Select(l => (l.Index, l.Type, string.Join(",", l.From), l.Parameters)));
        Assert.Equal(source.Structure.Choices, back.Structure.Choices);
        // Every module has the reference's class and the attributes the reference's constructor sets.
        foreach (var ((p, m), (q, n)) in source.Model.Descendants().Zip(back.Model.Descendants()))
        {
            Assert.Equal(p, q);
            Assert.Equal(m.ClassName, n.ClassName);
            foreach (var key in m.Attributes.Keys.Where(k => k is not "end2end"))
                Assert.True(n.Attributes.ContainsKey(key), $"{p}: attribute {key} missing");
        }

        using var reloaded = new Yolo11n(back.Nc, ReferenceRules.V8_3);
        back.LoadInto(reloaded);
        ReferenceCheckpointTests.AssertForwardMatches(reloaded, "yolo11n-seed0.v830.pt.io.safetensors");
    }
}
