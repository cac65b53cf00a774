using YoloGen.IO;
using YoloGen.IO.Checkpoints;
using YoloGen.Models;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.IO.Checkpoints;

/// <summary>The checkpoints the reference wrote (tests/reference/pt): read, compared with the fixture weights, loaded, run.</summary>
public class ReferenceCheckpointTests(ITestOutputHelper output)
{
    public static TheoryData<string> FinalFiles() => new() { "yolo11n-seed0.pt", "yolo11n-seed0.v830.pt" };

    [Theory]
    [MemberData(nameof(FinalFiles))]
    public void Yolo11n_state_dict_equals_the_fixture_weights_rounded_to_half_bit_for_bit(string file)
    {
        using var ckpt = UltralyticsCheckpoint.Read(TestPaths.Checkpoint(file));
        using var fixture = SafeTensors.Load(TestPaths.Fixture("yolo11n-seed0.weights.safetensors"));
        AssertEqualsHalfRounded(ckpt, fixture);
        Assert.Equal("model", ckpt.Source);
        Assert.Equal(2_624_080, ckpt.ParameterCount);
    }

    [Fact]
    public void Yolov8n_state_dict_equals_its_fixture_rounded_to_half_and_the_structure_shows_the_legacy_head()
    {
        using var ckpt = UltralyticsCheckpoint.Read(TestPaths.Checkpoint("yolov8n-seed0.pt"));
        using var fixture = SafeTensors.Load(Path.Combine(TestPaths.Reference, "zoo", "fixtures", "yolov8n-seed0.weights.safetensors")); // the zoo fixture: the same weights
        AssertEqualsHalfRounded(ckpt, fixture);
        Assert.Equal(3_157_200, ckpt.ParameterCount);
        Assert.Equal("legacy", ckpt.Structure.DetectClassBranch);
        Assert.Equal("Identity", ckpt.Structure.SppfCv1Activations[9]); // built from YAML by 8.4.50
        Assert.Equal("yolov8n", ckpt.ModelName);
        output.WriteLine(ckpt.Structure.ToString());
    }

    [Fact]
    public void Metadata_names_yaml_stride_and_version_come_from_the_file()
    {
        using var ckpt = UltralyticsCheckpoint.Read(TestPaths.Checkpoint("yolo11n-seed0.pt"));
        Assert.Equal("8.4.50", ckpt.Version);
        Assert.Equal("yolo11n", ckpt.ModelName);
        Assert.Equal(80, ckpt.Nc);
        Assert.Equal(80, ckpt.Names.Length);
        Assert.Equal("class0", ckpt.Names[0]);
        Assert.Equal("class79", ckpt.Names[79]);
        Assert.Equal(new[] { 8f, 16f, 32f }, ckpt.Stride);
        Assert.Equal("coco8.yaml", ckpt.TrainArgs["data"]);
        Assert.Equal(24, ckpt.Structure.Layers.Count);
        Assert.Equal("Identity", ckpt.Structure.SppfCv1Activations[9]);
        Assert.Equal("yolo11", ckpt.Structure.DetectClassBranch);
        Assert.Equal(new[] { 16, 19, 22 }, ckpt.Structure.Layers[23].From);
        Assert.Contains("  - [-1, 1, SPPF, [1024, 5]]\n", ckpt.YamlText);
        Assert.StartsWith("nc: 80\nscales:\n  n: [0.5, 0.25, 1024]\n  s: [0.5, 0.5, 1024]\n  m: [0.5, 1.0, 512]\n", ckpt.YamlText);
        Assert.Equal(499, ckpt.Weights.Count);
        Assert.Equal("model.0.conv.weight", ckpt.Weights[0].Name);
        Assert.Equal("model.0.bn.num_batches_tracked", ckpt.Weights[5].Name);
    }

    [Fact]
    public void The_830_checkpoint_loads_into_the_generated_yolo11n_and_reproduces_the_reference_eval_output()
    {
        using var ckpt = UltralyticsCheckpoint.Read(TestPaths.Checkpoint("yolo11n-seed0.v830.pt"));
        Assert.Equal("8.3.0", ckpt.Version);
        Assert.Equal("SiLU", ckpt.Structure.SppfCv1Activations[9]);
        Assert.Equal(ReferenceRules.V8_3, CheckpointMatch.RulesOf(ckpt));
        using var model = new Yolo11n(ckpt.Nc, ReferenceRules.V8_3);
        var report = ckpt.LoadInto(model);
        Assert.True(report.IsExact, report.ToString());
        AssertForwardMatches(model, "yolo11n-seed0.v830.pt.io.safetensors");
    }

    [Fact]
    public void An_84_checkpoint_with_identity_in_SPPF_is_refused_by_the_83_network_naming_layer_and_setting()
    {
        using var ckpt = UltralyticsCheckpoint.Read(TestPaths.Checkpoint("yolo11n-seed0.pt"));
        using var model = new Yolo11n(ckpt.Nc, ReferenceRules.V8_3);
        var e = Assert.Throws<WeightsException>(() => ckpt.LoadInto(model));
        output.WriteLine(e.Message);
        Assert.Contains("layer 9 (SPPF): model.9.cv1.act is Identity in the checkpoint (written by Ultralytics 8.4.50) but SiLU in the generated yolo11n;", e.Message);
        Assert.Contains("8.4 reference setting", e.Message);
    }

    [Theory]
    [InlineData("yolo11n-seed0.pt", "yolo11n")] // 8.4.50: Identity in SPPF
    [InlineData("yolov8n-seed0.pt", "yolov8n")] // 8.4.50 from yolov8.yaml: Identity in SPPF, the legacy class branch
    public void An_84_checkpoint_loads_into_the_network_built_by_the_rules_it_shows_and_reproduces_the_reference_eval_output(string file, string name)
    {
        using var ckpt = UltralyticsCheckpoint.Read(TestPaths.Checkpoint(file));
        var rules = CheckpointMatch.RulesOf(ckpt);
        Assert.Equal(ReferenceRules.V8_4, rules);
        using var model = YoloModels.Create(name, ckpt.Nc, rules);
        var report = ckpt.LoadInto(model);
        Assert.True(report.IsExact, report.ToString());
        AssertForwardMatches(model, file + ".io.safetensors");
    }

    [Fact]
    public void A_yolov8n_built_with_SiLU_in_SPPF_refuses_the_84_checkpoint_naming_layer_9()
    {
        // The rules of a file written before 8.4 (SiLU beside the legacy branch) do not fit a checkpoint the 8.4 reference built.
        using var ckpt = UltralyticsCheckpoint.Read(TestPaths.Checkpoint("yolov8n-seed0.pt"));
        using var model = YoloModels.Create("yolov8n", ckpt.Nc, ReferenceRules.V8_4 with { SppfCv1Activation = true });
        var e = Assert.Throws<WeightsException>(() => ckpt.LoadInto(model));
        Assert.Contains("layer 9 (SPPF): model.9.cv1.act is Identity in the checkpoint", e.Message);
    }

    [Fact]
    public void A_training_checkpoint_yields_its_ema_weights_and_training_state()
    {
        using var ckpt = UltralyticsCheckpoint.Read(TestPaths.Checkpoint("yolo11n-seed0.last.pt"));
        Assert.True(ckpt.IsTrainingCheckpoint);
        Assert.Equal("ema", ckpt.Source);
        Assert.Equal(0, ckpt.Epoch);
        Assert.Equal(1, ckpt.Updates);
        Assert.Equal(0.0, ckpt.BestFitness);
        Assert.Equal(499, ckpt.Weights.Count);
        // One SGD step away from the fixture weights: same names and shapes, different values.
        using var fixture = SafeTensors.Load(TestPaths.Fixture("yolo11n-seed0.weights.safetensors"));
        Assert.Equal(fixture.Names, ckpt.Weights.Select(w => w.Name));
        Assert.Contains(ckpt.Weights, w => w.Tensor.is_floating_point() && !SameBits(w.Tensor, fixture[w.Name].to(ScalarType.Float16).to(ScalarType.Float32)));
    }

    [Fact]
    public void Transfer_to_another_nc_keeps_every_shape_matching_tensor_and_counts_them()
    {
        using var ckpt = UltralyticsCheckpoint.Read(TestPaths.Checkpoint("yolo11n-seed0.v830.pt"));
        using var model = new Yolo11n(3, ReferenceRules.V8_3);
        var report = ckpt.TransferInto(model);
        output.WriteLine(report.ToString());
        // The reference (8.4.50, DetectionModel("yolo11n.yaml", nc=3).load(...)) prints "Transferred 448/499 items":
        // the class branch's width max(c, min(nc, 100)) changes with nc, so all of cv3 differs in shape.
        Assert.Equal(448, report.Transferred);
        Assert.Equal(499, report.Total);
        Assert.StartsWith("Transferred 448/499 items from ", report.ToString());
    }

    internal static void AssertEqualsHalfRounded(UltralyticsCheckpoint ckpt, SafeTensorsFile fixture)
    {
        Assert.Equal(fixture.Names, ckpt.Weights.Select(w => w.Name));
        foreach (var (name, t) in ckpt.Weights)
        {
            var f = fixture[name];
            using var expected = f.is_floating_point() ? f.to(ScalarType.Float16).to(ScalarType.Float32) : f.clone();
            Assert.Equal(expected.dtype, t.dtype);
            Assert.True(expected.shape.SequenceEqual(t.shape), name);
            Assert.True(SameBits(expected, t), $"{name} differs");
        }
    }

    internal static bool SameBits(Tensor a, Tensor b)
    {
        using var x = a.contiguous();
        using var y = b.contiguous();
        return x.dtype == y.dtype && x.shape.SequenceEqual(y.shape) && x.bytes.SequenceEqual(y.bytes);
    }

    internal static void AssertForwardMatches(DetectionModel model, string ioFile)
    {
        model.eval();
        using var io = SafeTensors.Load(TestPaths.Checkpoint(ioFile));
        using var scope = NewDisposeScope();
        DetectionOutput y;
        using (no_grad()) y = model.call(io["input.A"]);
        var expected = io["A.eval.0"];
        Assert.True(expected.shape.SequenceEqual(y.Predictions!.shape));
        double boxes = (y.Predictions![.., ..4] - expected[.., ..4]).abs().max().item<float>();
        double scores = (y.Predictions![.., 4..] - expected[.., 4..]).abs().max().item<float>();
        Assert.True(boxes <= 0.25 && scores <= 2e-3, $"boxes {boxes:E2} px, scores {scores:E2}");
    }
}
