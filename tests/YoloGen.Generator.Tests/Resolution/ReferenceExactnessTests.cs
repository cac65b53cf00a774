using System.Text.Json;
using YoloGen.Generator.Emission;
using YoloGen.Generator.Model;
using YoloGen.Generator.Tests.Infrastructure;
using Xunit;

namespace YoloGen.Generator.Tests.Resolution;

/// <summary>
/// Every layer the generator resolves equals what the reference's parse_model built, as recorded in the golden
/// JSON: repeats, module, constructor arguments, output channels and strides — against Ultralytics 8.3.0
/// (tests/reference/json, whose heads take [nc, channels]) and against 8.4.50 for every zoo model whose file is in
/// models/ (tests/reference/zoo/json, heads [nc, reg_max, end2end, channels]).
/// </summary>
public sealed class ReferenceExactnessTests
{
    public static TheoryData<string> Models => new()
    {
        "yolo11n", "yolo11s", "yolo11m", "yolo11l", "yolo11x", "yolov8n", "yolo11n-se", "yolo11n-simam",
    };

    /// <summary>Zoo models (8.4.50) whose file, named as the reference's yaml_model_load finds it, is in models/.</summary>
    public static TheoryData<string> ZooModels()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Reference, "zoo", "json"), "*.json").Order(StringComparer.Ordinal))
        {
            using var golden = JsonDocument.Parse(File.ReadAllText(file));
            if (File.Exists(ZooYaml(golden.RootElement))) data.Add(Path.GetFileNameWithoutExtension(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Layers_equal_the_reference(string modelName) => Compare(RepositoryPaths.ReferenceJson(modelName), modelName, before84: true);

    [Theory]
    [MemberData(nameof(ZooModels))]
    public void Layers_equal_the_8_4_reference(string modelName) =>
        Compare(Path.Combine(RepositoryPaths.Reference, "zoo", "json", modelName + ".json"), modelName, before84: false);

    /// <summary>models/&lt;file&gt; for a zoo JSON: its yaml_file with the scale letter dropped (yolov8n.yaml → yolov8.yaml), as yaml_model_load does.</summary>
    private static string ZooYaml(JsonElement golden)
    {
        var stem = Path.GetFileNameWithoutExtension(golden.GetProperty("yaml_file").GetString()!);
        var unified = Path.Combine(RepositoryPaths.Models, System.Text.RegularExpressions.Regex.Replace(stem, @"(\d+)([nslmx])(.+)?$", "$1$3") + ".yaml");
        return File.Exists(unified) ? unified : Path.Combine(RepositoryPaths.Models, stem + ".yaml"); // yolov10n.yaml is its own file
    }

    private static void Compare(string jsonPath, string modelName, bool before84)
    {
        using var golden = JsonDocument.Parse(File.ReadAllText(jsonPath));
        var root = golden.RootElement;
        var model = before84 ? Resolve(root) : ResolveFile(ZooYaml(root), root);

        Assert.Equal(modelName, model.ModelName);
        Assert.Equal(root.GetProperty("nc").GetInt32(), model.Nc);
        var layers = root.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(layers.Count, model.Layers.Count);
        for (var i = 0; i < layers.Count; i++)
        {
            var expected = layers[i];
            var actual = model.Layers[i];
            var where = $"{modelName} layer {i}";
            Assert.True(expected.GetProperty("index").GetInt32() == actual.Index, where + " index");
            Assert.True(PythonJson(expected.GetProperty("from")) == FromJson(actual), where + " from");
            Assert.True(expected.GetProperty("n").GetInt32() == actual.Repeats, where + " n");
            Assert.True(expected.GetProperty("module").GetString() == actual.Module, where + " module");
            // Before 8.4 the Detect head took [nc, ch]; 8.4 inserts reg_max and end2end.
            var args = before84 && actual.IsHead && actual.Args.Count == 4 ? ImmutableEquatableArray.Create(actual.Args[0], actual.Args[3]) : actual.Args;
            Assert.Equal((where, PythonJson(expected.GetProperty("args"))), (where, JsonText.Format(args)));
            var instances = expected.GetProperty("instances").GetInt32();
            var container = expected.GetProperty("container");
            Assert.True(instances == actual.Instances, where + " instances");
            Assert.True((container.ValueKind == JsonValueKind.String) == (actual.Instances > 1), where + " Sequential");

            var outChannels = expected.GetProperty("out_channels");
            if (outChannels.ValueKind == JsonValueKind.Null && actual.Output == YoloGen.Generator.Catalogue.ModuleOutput.TensorList)
            {
                // CBLinear: the reference records its list of channels, one per map it holds.
                Assert.Equal((where, PythonJson(expected.GetProperty("args")[1])), (where, "[" + string.Join(", ", actual.OutChannels) + "]"));
            }
            else if (outChannels.ValueKind == JsonValueKind.Null)
            {
                Assert.True(actual.IsHead, where + " is the head");
                Assert.Empty(actual.OutChannels);
            }
            else
            {
                Assert.Equal((where, outChannels.GetInt32()), (where, actual.OutChannels.Single()));
                // Stride = input size / output size, from the reference's eval shapes at 640×640.
                // Stride = input size / output size, from the reference's eval shapes at 640×640; a padding layer's map
                // (yolov3-tiny's ZeroPad2d, 20 → 21 before a size-keeping pool) has no whole stride and keeps its input's.
                var shape = expected.GetProperty("output_shape_eval").EnumerateArray().Select(d => d.GetInt32()).ToArray();
                if (640 % shape[2] == 0) Assert.Equal((where, 640 / shape[2]), (where, actual.Strides.Single()));
                else Assert.Equal((where, "ZeroPad2d"), (where, actual.Module));
            }
        }

        var head = model.Layers[model.Layers.Count - 1];
        var strides = root.GetProperty("stride").EnumerateArray().Select(s => (int)s.GetDouble()).ToArray();
        Assert.Equal(strides, head.Strides.ToArray());
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void The_reference_file_resolves_without_diagnostics(string modelName)
    {
        using var golden = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.ReferenceJson(modelName)));
        var result = ModelPipeline.ResolveFile(RepositoryPaths.ReferenceYaml(golden.RootElement.GetProperty("yaml_file").GetString()!));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(["n", "s", "m", "l", "x"], result.Models.Select(m => m.Scale));
    }

    private static ResolvedModel Resolve(JsonElement golden) =>
        ResolveFile(RepositoryPaths.ReferenceYaml(golden.GetProperty("yaml_file").GetString()!), golden);

    private static ResolvedModel ResolveFile(string yaml, JsonElement golden)
    {
        var result = ModelPipeline.ResolveFile(yaml);
        Assert.Empty(result.Diagnostics);
        // A file whose name carries no n/s/m/l/x scale (yolov10b.yaml) is built at its first scale; one without scales
        // (yolov9s.yaml, "scale" s guessed from the name) at its top-level multiples.
        var scale = golden.GetProperty("scale").GetString();
        return result.Models.Count == 1 && (scale == "" || result.Models[0].Scale == "") ? result.Models[0] : result.Models.Single(m => m.Scale == scale);
    }

    private static string FromJson(ResolvedLayer layer) =>
        layer.FromIsList ? "[" + string.Join(", ", layer.From) + "]" : layer.From.Single().ToString();

    /// <summary>A golden JSON value re-written in json.dumps layout, numbers exactly as stored.</summary>
    private static string PythonJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "[" + string.Join(", ", element.EnumerateArray().Select(PythonJson)) + "]",
        JsonValueKind.String => JsonText.Quote(element.GetString()!),
        _ => element.GetRawText(),
    };
}
