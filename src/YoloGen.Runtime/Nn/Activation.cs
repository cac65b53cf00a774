using System.Globalization;
using System.Text.RegularExpressions;
using TorchSharp;
using static TorchSharp.torch;

namespace YoloGen.Nn;

/// <summary>
/// An activation a model file can name in its top-level <c>activation:</c> key (the reference evaluates the text as
/// Python, e.g. <c>nn.ReLU()</c>); <see cref="Create"/> makes a fresh module each time. Only parameter-free
/// activations are offered: the reference shares one instance among all convolutions, which a module with weights
/// cannot reproduce.
/// </summary>
public sealed partial class Activation
{
    private readonly Func<nn.Module<Tensor, Tensor>> create;

    private Activation(string text, Func<nn.Module<Tensor, Tensor>> create)
    {
        Text = text;
        this.create = create;
    }

    /// <summary>The canonical model-file spelling, e.g. <c>nn.LeakyReLU(0.1)</c>.</summary>
    public string Text { get; }

    public nn.Module<Tensor, Tensor> Create() => create();

    public override string ToString() => Text;

    public static Activation SiLU { get; } = new("nn.SiLU()", () => nn.SiLU());
    public static Activation ReLU { get; } = new("nn.ReLU()", () => nn.ReLU());
    public static Activation ReLU6 { get; } = new("nn.ReLU6()", () => nn.ReLU6());
    public static Activation Hardswish { get; } = new("nn.Hardswish()", () => nn.Hardswish());
    public static Activation Hardsigmoid { get; } = new("nn.Hardsigmoid()", () => nn.Hardsigmoid());
    public static Activation GELU { get; } = new("nn.GELU()", () => nn.GELU());
    public static Activation GELUTanh { get; } = new("nn.GELU(approximate='tanh')", () => nn.GELU(TorchSharp.Modules.GELU.Approximate.tanh));
    public static Activation Sigmoid { get; } = new("nn.Sigmoid()", () => nn.Sigmoid());
    public static Activation Tanh { get; } = new("nn.Tanh()", () => nn.Tanh());
    public static Activation Mish { get; } = new("nn.Mish()", () => nn.Mish());
    public static Activation SELU { get; } = new("nn.SELU()", () => nn.SELU());
    public static Activation Identity { get; } = new("nn.Identity()", () => nn.Identity());

    public static Activation LeakyReLU(double negativeSlope = 0.01) =>
        new($"nn.LeakyReLU({Format(negativeSlope)})", () => nn.LeakyReLU(negativeSlope));

    public static Activation ELU(double alpha = 1.0) => new($"nn.ELU({Format(alpha)})", () => nn.ELU(alpha));

    public static Activation CELU(double alpha = 1.0) => new($"nn.CELU({Format(alpha)})", () => nn.CELU(alpha));

    /// <summary>Per PyTorch class name, the reader of its constructor arguments (null when they are not its own).</summary>
    private static readonly Dictionary<string, Func<List<(string? Name, string Value)>, Activation?>> Readers = new(StringComparer.Ordinal)
    {
        ["SiLU"] = args => NoArguments(args, SiLU),
        ["ReLU"] = args => NoArguments(args, ReLU),
        ["ReLU6"] = args => NoArguments(args, ReLU6),
        ["Hardswish"] = args => NoArguments(args, Hardswish),
        ["Hardsigmoid"] = args => NoArguments(args, Hardsigmoid),
        ["Mish"] = args => NoArguments(args, Mish),
        ["SELU"] = args => NoArguments(args, SELU),
        ["Sigmoid"] = args => args.Count == 0 ? Sigmoid : null,
        ["Tanh"] = args => args.Count == 0 ? Tanh : null,
        ["Identity"] = _ => Identity, // nn.Identity ignores every argument
        ["GELU"] = ParseGelu,
        ["LeakyReLU"] = args => Number(args, "negative_slope", 0.01) is double slope ? LeakyReLU(slope) : null,
        ["ELU"] = args => Number(args, "alpha", 1.0) is double alpha ? ELU(alpha) : null,
        ["CELU"] = args => Number(args, "alpha", 1.0) is double alpha ? CELU(alpha) : null,
    };

    /// <summary>The PyTorch class names <see cref="Parse"/> accepts after <c>nn.</c> (for a build-time check to agree with).</summary>
    public static IReadOnlyCollection<string> Names => Readers.Keys;

    /// <summary>
    /// Reads a model file's activation text: <c>nn.Name(args)</c> or <c>torch.nn.Name(args)</c> with the constructor's
    /// positional or keyword arguments (<c>inplace</c> is accepted and changes nothing). Returns null for anything
    /// else, so the caller can report the text.
    /// </summary>
    public static Activation? Parse(string text)
    {
        var match = CallPattern().Match(text);
        if (!match.Success || !Readers.TryGetValue(match.Groups["name"].Value, out var read)) return null;
        var args = SplitArguments(match.Groups["args"].Value);
        return args is null ? null : read(args);
    }

    private static Activation? NoArguments(List<(string? Name, string Value)> args, Activation activation) =>
        TakeInplace(args, position: 0) && args.Count == 0 ? activation : null;

    private static Activation? ParseGelu(List<(string? Name, string Value)> args)
    {
        if (args.Count > 1) return null;
        if (args.Count == 0) return GELU;
        var (name, value) = args[0];
        if (name is not (null or "approximate")) return null;
        return value switch
        {
            "'none'" or "\"none\"" => GELU,
            "'tanh'" or "\"tanh\"" => GELUTanh,
            _ => null,
        };
    }

    /// <summary>The one numeric argument (positional first, or by keyword) with an optional <c>inplace</c> after it.</summary>
    private static double? Number(List<(string? Name, string Value)> args, string keyword, double fallback)
    {
        if (!TakeInplace(args, position: 1)) return null;
        if (args.Count == 0) return fallback;
        if (args.Count > 1 || args[0].Name is not null && args[0].Name != keyword) return null;
        return double.TryParse(args[0].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;
    }

    /// <summary>Removes an <c>inplace</c> argument (by keyword, or positional at <paramref name="position"/>); false if malformed.</summary>
    private static bool TakeInplace(List<(string? Name, string Value)> args, int position)
    {
        int i = args.FindIndex(a => a.Name == "inplace");
        if (i < 0 && args.Count > position && args[position].Name is null && args[position].Value is "True" or "False") i = position;
        if (i < 0) return true;
        if (args[i].Value is not ("True" or "False")) return false;
        args.RemoveAt(i);
        return true;
    }

    private static List<(string? Name, string Value)>? SplitArguments(string text)
    {
        var result = new List<(string?, string)>();
        if (text.Trim().Length == 0) return result;
        foreach (var part in text.Split(','))
        {
            var item = part.Trim();
            if (item.Length == 0) return null;
            int eq = item.IndexOf('=');
            if (eq < 0) result.Add((null, item));
            else result.Add((item[..eq].Trim(), item[(eq + 1)..].Trim()));
        }
        return result;
    }

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s*(?:torch\.)?nn\.(?<name>[A-Za-z][A-Za-z0-9]*)\s*\((?<args>[^()]*)\)\s*$")]
    private static partial Regex CallPattern();
}
