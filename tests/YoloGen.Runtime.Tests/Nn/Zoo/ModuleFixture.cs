using System.Text.Json;
using TorchSharp;
using YoloGen.IO;
using YoloGen.Nn;
using static TorchSharp.torch;

namespace YoloGen.Runtime.Tests.Nn.Zoo;

/// <summary>
/// The per-module reference fixtures (tests/reference/zoo/modules/modules.safetensors, made by make_fixtures.py there):
/// for each case the F16 state dict, the float64 inputs, the eval, train and fused outputs and the train-mode input
/// gradients. Builds the C# module of a
/// case with the reference's arguments, loads its weights and runs it in float64.
/// </summary>
public sealed class ModuleFixture : IDisposable
{
    public static readonly string FilePath = Path.Combine(TestPaths.Reference, "zoo", "modules", "modules.safetensors");

    private static readonly Lazy<ModuleFixture> Shared = new(() => new ModuleFixture());

    /// <summary>Each case's module, built with the same arguments as the script's case of that name.</summary>
    public static readonly IReadOnlyDictionary<string, Func<nn.Module>> Builders = new Dictionary<string, Func<nn.Module>>
    {
        ["SPP"] = () => new SPP(8, 6),
        ["SPP.k357"] = () => new SPP(8, 6, [3, 5, 7]),
        ["MaxPool2d.k2s2"] = () => new MaxPool2d(2, 2, 0),
        ["MaxPool2d.k2s1"] = () => new MaxPool2d(2, 1, 0),
        ["MaxPool2d.k3s2p1ceil"] = () => new MaxPool2d(3, 2, 1, 1, false, true),
        ["ZeroPad2d.list"] = () => new ZeroPad2d([0, 1, 0, 1]),
        ["ZeroPad2d.int"] = () => new ZeroPad2d(1),
        ["ConvTranspose2d"] = () => new ConvTranspose2d(6, 6, 2, 2, 0),
        ["ConvTranspose2d.grouped"] = () => new ConvTranspose2d(6, 4, 3, 2, 1, 1, 2, true, 1),
        ["ConvTranspose2d.nobias"] = () => new ConvTranspose2d(6, 4, 2, 2, 0, 0, 1, false),
        ["Identity"] = () => new Identity(),
        ["C2"] = () => new C2(8, 8, 2),
        ["C2.noshortcut"] = () => new C2(8, 12, 1, false),
        ["GhostConv"] = () => new GhostConv(8, 12, 3, 2),
        ["GhostConv.noact"] = () => new GhostConv(8, 8, 1, 1, 1, false),
        ["GhostBottleneck"] = () => new GhostBottleneck(8, 8),
        ["GhostBottleneck.s2"] = () => new GhostBottleneck(8, 12, 3, 2),
        ["C3Ghost"] = () => new C3Ghost(8, 8, 2),
        ["RepConv"] = () => new RepConv(8, 6),
        ["RepConv.bn"] = () => new RepConv(8, 8, bn: true),
        ["RepConv.bn.g2"] = () => new RepConv(8, 8, g: 2, bn: true),
        ["RepConv.s2.noact"] = () => new RepConv(8, 6, 3, 2, act: false),
        ["RepBottleneck"] = () => new RepBottleneck(8, 8),
        ["RepCSP"] = () => new RepCSP(8, 8, 2),
        ["RepNCSPELAN4"] = () => new RepNCSPELAN4(8, 12, 8, 4, 2),
        ["ELAN1"] = () => new ELAN1(8, 12, 8, 4),
        ["AConv"] = () => new AConv(8, 6),
        ["ADown"] = () => new ADown(8, 6),
        ["ADown.odd"] = () => new ADown(8, 6),
        ["SPPELAN"] = () => new SPPELAN(8, 6, 4),
        ["CBLinear"] = () => new CBLinear(8, [2, 4, 3]),
        ["CBLinear.k3s2"] = () => new CBLinear(8, [2, 4], 3, 2),
        ["CBFuse"] = () => new CBFuse([1, 0, 2]),
        ["GhostBottleneck.relu"] = () => new GhostBottleneck(8, 8),
        ["RepNCSPELAN4.relu"] = () => new RepNCSPELAN4(8, 8, 8, 4, 1),
        // Conv.act0 … act14: one Conv(3, 3, 3) per activation text of the file's metadata
    };

    private readonly SafeTensorsFile file;

    private ModuleFixture()
    {
        file = SafeTensors.Load(FilePath);
        Cases = JsonSerializer.Deserialize<string[]>(file.Metadata["cases"])!;
        Activations = JsonSerializer.Deserialize<Dictionary<string, string>>(file.Metadata["activations"])!;
    }

    public static ModuleFixture Instance => Shared.Value;

    public IReadOnlyList<string> Cases { get; }

    /// <summary>The model-file activation text a case was built under (the reference's <c>Conv.default_act</c>).</summary>
    public IReadOnlyDictionary<string, string> Activations { get; }

    public bool Has(string name) => file.Contains(name) || file.Contains(name + ".0");

    /// <summary>A single output, or the numbered outputs of a list, in order.</summary>
    public Tensor[] Outputs(string name)
    {
        if (file.TryGet(name, out var single)) return [single];
        var list = new List<Tensor>();
        for (int i = 0; file.TryGet($"{name}.{i}", out var t); i++) list.Add(t);
        return list.Count > 0 ? list.ToArray() : throw new KeyNotFoundException($"{FilePath}: no output {name}");
    }

    /// <summary>The case's C# module in float64 with the fixture weights loaded, in eval mode.</summary>
    public nn.Module Build(string name)
    {
        Func<nn.Module> build = Builders.TryGetValue(name, out var b) ? b
            : name.StartsWith("Conv.act", StringComparison.Ordinal) ? () => new Conv(3, 3, 3)
            : throw new KeyNotFoundException($"no C# builder for fixture case {name}");
        nn.Module module;
        if (Activations.TryGetValue(name, out var text))
        {
            var activation = Activation.Parse(text) ?? throw new InvalidOperationException($"{name}: Activation.Parse rejects '{text}'");
            using (Conv.DefaultActivation(activation)) module = build();
        }
        else module = build();
        module.to(ScalarType.Float64);
        string prefix = name + ".w.";
        StateDict.Load(module, file.Tensors.Where(t => t.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(t => (t.Name[prefix.Length..], t.Tensor)), $"{FilePath} ({name})");
        module.eval();
        return module;
    }

    /// <summary>Runs the module on the case's inputs, whatever its forward's shape (one map, a map to maps, lists of maps).</summary>
    public Tensor[] Run(string name, nn.Module module) => Invoke(name, module, t => t);

    /// <summary>
    /// The gradient of 0.5·Σ output² with respect to each input (in the file's input order; zeros for an input the
    /// output does not use), as the script's <c>gradin</c>.
    /// </summary>
    public Tensor[] InputGradients(string name, nn.Module module)
    {
        var leaves = new List<Tensor>();
        var outputs = Invoke(name, module, t =>
        {
            var leaf = t.clone().requires_grad_();
            leaves.Add(leaf);
            return leaf;
        });
        outputs.Select(o => 0.5 * (o * o).sum()).Aggregate((a, b) => a + b).backward();
        return leaves.Select(l => l.grad ?? zeros_like(l)).ToArray();
    }

    /// <summary>The tensor <paramref name="name"/> or, for nested lists, every tensor below it, in file order.</summary>
    public Tensor[] Flattened(string name)
    {
        var tensors = file.Tensors.Where(t => t.Name == name || t.Name.StartsWith(name + ".", StringComparison.Ordinal)).Select(t => t.Tensor).ToArray();
        return tensors.Length > 0 ? tensors : throw new KeyNotFoundException($"{FilePath}: no tensor {name}");
    }

    private Tensor[] Invoke(string name, nn.Module module, Func<Tensor, Tensor> input)
    {
        string prefix = name + ".in";
        return module switch
        {
            nn.Module<Tensor, Tensor> single => [single.call(input(file[prefix]))],
            nn.Module<Tensor, Tensor[]> many => many.call(input(file[prefix])),
            // CBFuse's inputs are stored as in.<list>.<map> for the lists, then in.<last> for the last map.
            CBFuse fuse => [fuse.call(ListsOfMaps(prefix).Select(list => list.Select(input).ToArray()).ToArray(), input(LastMap(prefix)))],
            _ => throw new NotSupportedException($"{name}: no way to run a {module.GetType().Name}"),
        };
    }

    private Tensor[][] ListsOfMaps(string input)
    {
        var lists = new List<Tensor[]>();
        for (int i = 0; file.Contains($"{input}.{i}.0"); i++) lists.Add(Outputs($"{input}.{i}"));
        return lists.ToArray();
    }

    private Tensor LastMap(string input)
    {
        int i = 0;
        while (file.Contains($"{input}.{i}.0")) i++;
        return file[$"{input}.{i}"];
    }

    public void Dispose() => file.Dispose();
}
