using System.Collections;
using System.Globalization;
using Razorvine.Pickle.Objects;

namespace YoloGen.IO.Checkpoints;

/// <summary>
/// One pickled <c>nn.Module</c> as data: its class (e.g. <c>ultralytics.nn.modules.block.SPPF</c>), its plain attributes
/// (<c>c</c>, <c>add</c>, <c>f</c>, <c>type</c>, …), its parameters, persistent buffers and child modules. Nothing of the
/// class is needed on this side: this is the object's <c>__dict__</c>, read as a dictionary.
/// </summary>
public sealed class CheckpointModule
{
    private const int MaxDepth = 64;

    private CheckpointModule(string className, IReadOnlyDictionary<string, object?> attributes,
        IReadOnlyList<(string Name, TensorRef Tensor)> parameters, IReadOnlyList<(string Name, TensorRef Tensor)> buffers,
        IReadOnlyList<(string Name, CheckpointModule Module)> children)
    {
        ClassName = className;
        Attributes = attributes;
        Parameters = parameters;
        Buffers = buffers;
        Children = children;
    }

    /// <summary>The Python class, module path included (<c>torch.nn.modules.activation.SiLU</c>).</summary>
    public string ClassName { get; }

    /// <summary>The class name without its module (<c>SiLU</c>).</summary>
    public string ShortName => ClassName[(ClassName.LastIndexOf('.') + 1)..];

    public IReadOnlyDictionary<string, object?> Attributes { get; }

    public IReadOnlyList<(string Name, TensorRef Tensor)> Parameters { get; }

    public IReadOnlyList<(string Name, TensorRef Tensor)> Buffers { get; }

    public IReadOnlyList<(string Name, CheckpointModule Module)> Children { get; }

    public CheckpointModule? Child(string name) => Children.FirstOrDefault(c => c.Name == name).Module;

    /// <summary>The module at a dotted path below this one (<c>model.9.cv1.act</c>), or null.</summary>
    public CheckpointModule? Find(string path)
    {
        var m = this;
        foreach (var part in path.Split('.'))
        {
            m = m.Child(part);
            if (m is null) return null;
        }
        return m;
    }

    /// <summary>Every module below this one with its dotted path, parents before children.</summary>
    public IEnumerable<(string Path, CheckpointModule Module)> Descendants(string prefix = "")
    {
        foreach (var (name, child) in Children)
        {
            string path = prefix.Length == 0 ? name : prefix + "." + name;
            yield return (path, child);
            foreach (var d in child.Descendants(path)) yield return d;
        }
    }

    /// <summary>The state dict in PyTorch's order: own parameters, own persistent buffers, then each child.</summary>
    public IReadOnlyList<(string Name, TensorRef Tensor)> StateDict()
    {
        var result = new List<(string, TensorRef)>();
        Collect("", result);
        return result;
    }

    private void Collect(string prefix, List<(string, TensorRef)> result)
    {
        foreach (var (n, t) in Parameters) result.Add((prefix + n, t));
        foreach (var (n, t) in Buffers) result.Add((prefix + n, t));
        foreach (var (n, c) in Children) c.Collect(prefix + n + ".", result);
    }

    public long ParameterCount => Parameters.Sum(p => p.Tensor.Numel) + Children.Sum(c => c.Module.ParameterCount);

    /// <summary>An attribute as an integer (Python int or bool), or null.</summary>
    public long? Int(string name) => Attributes.TryGetValue(name, out var v) ? v switch
    {
        int i => i,
        long l => l,
        bool b => b ? 1 : 0,
        _ => null,
    } : null;

    public string? String(string name) => Attributes.TryGetValue(name, out var v) ? v as string : null;

    public override string ToString() => ClassName;

    /// <summary>Reads a module from the unpickled object; <paramref name="where"/> names it in errors.</summary>
    internal static CheckpointModule From(object? obj, string where, ReadBudget budget, int depth = 0)
    {
        if (obj is not ClassDict dict) throw budget.Fail($"{where} is not a module object (found {Describe(obj)})");
        if (depth > MaxDepth) throw budget.Fail($"{where}: modules nested more than {MaxDepth} deep");
        budget.Count(where);

        var nonPersistent = dict.TryGetValue("_non_persistent_buffers_set", out var np) && np is IEnumerable set and not string
            ? set.Cast<object>().OfType<string>().ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
        var parameters = Tensors(dict, "_parameters", where, budget, skip: null);
        var buffers = Tensors(dict, "_buffers", where, budget, skip: nonPersistent);

        var children = new List<(string, CheckpointModule)>();
        if (dict.TryGetValue("_modules", out var mods) && mods is not null)
        {
            if (mods is not Hashtable table) throw budget.Fail($"{where}._modules is not a dictionary");
            foreach (DictionaryEntry e in table)
            {
                if (e.Key is not string name) throw budget.Fail($"{where}._modules has a non-string key");
                if (e.Value is null) continue;
                children.Add((name, From(e.Value, where + "." + name, budget, depth + 1)));
            }
        }

        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (k, v) in dict)
        {
            if (k is "_parameters" or "_buffers" or "_modules" or "__class__" || k.Contains("hook", StringComparison.Ordinal)) continue;
            attributes[k] = v;
        }
        return new CheckpointModule(dict.ClassName, attributes, Ordered(parameters), Ordered(buffers), OrderedChildren(children));
    }

    private static List<(string, TensorRef)> Tensors(ClassDict dict, string key, string where, ReadBudget budget, HashSet<string>? skip)
    {
        var result = new List<(string, TensorRef)>();
        if (!dict.TryGetValue(key, out var value) || value is null) return result;
        if (value is not Hashtable table) throw budget.Fail($"{where}.{key} is not a dictionary");
        foreach (DictionaryEntry e in table)
        {
            if (e.Key is not string name) throw budget.Fail($"{where}.{key} has a non-string key");
            if (e.Value is null || (skip?.Contains(name) ?? false)) continue;
            if (e.Value is not TensorRef t) throw budget.Fail($"{where}.{key}['{name}'] is not a tensor (found {Describe(e.Value)})");
            result.Add((name, t));
        }
        return result;
    }

    // The unpickled dictionaries do not keep insertion order. torch.save numbers storages in the order it pickles them,
    // which is the module's own order (parameters, buffers, children in registration order): sort by that number.
    private static IReadOnlyList<(string, TensorRef)> Ordered(List<(string Name, TensorRef T)> list) =>
        list.OrderBy(x => StorageOrder(x.T)).ThenBy(x => x.T.Offset).ThenBy(x => x.Name, StringComparer.Ordinal).ToList();

    private static IReadOnlyList<(string, CheckpointModule)> OrderedChildren(List<(string Name, CheckpointModule M)> list) =>
        list.OrderBy(x => x.M.FirstStorage() ?? long.MaxValue)
            .ThenBy(x => long.TryParse(x.Name, NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : long.MaxValue)
            .ThenBy(x => x.Name, StringComparer.Ordinal)
            .ToList();

    private long? FirstStorage()
    {
        long? best = null;
        foreach (var (_, t) in Parameters.Concat(Buffers)) best = Math.Min(best ?? long.MaxValue, StorageOrder(t));
        foreach (var (_, c) in Children)
            if (c.FirstStorage() is long k) best = Math.Min(best ?? long.MaxValue, k);
        return best;
    }

    private static long StorageOrder(TensorRef t) =>
        long.TryParse(t.Storage.Key, NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : long.MaxValue;

    internal static string Describe(object? o) => o switch
    {
        null => "None",
        ClassDict c => $"an object of {c.ClassName}",
        string s => $"the string '{(s.Length > 40 ? s[..40] + "…" : s)}'",
        _ => $"a {o.GetType().Name}",
    };
}

/// <summary>Bounds the walk over an unpickled graph (a hostile file can make it cyclic or enormous).</summary>
internal sealed class ReadBudget(string path, int maxModules = 200_000)
{
    private int _modules;

    public string Path { get; } = path;

    public void Count(string where)
    {
        if (++_modules > maxModules) throw Fail($"more than {maxModules} modules (at {where}); the module graph is cyclic or not a model");
    }

    public WeightsException Fail(string what) => new($"{Path}: {what}");
}
