using System.Reflection;
using System.Text.Json;
using TorchSharp;
using YoloGen.Nn;

namespace YoloGen.Runtime.Tests.Nn.Zoo;

/// <summary>
/// Builds a runtime module from the reference's resolved constructor arguments (a per-layer JSON's <c>args</c>) by
/// position, the way the reference calls <c>m(*args)</c>. This relies on the contract every <c>YoloGen.Nn</c> module
/// keeps: its public constructor takes the reference constructor's positional parameters in the reference's order
/// (<c>long</c> for int, <c>double</c> for float, <c>long?</c> for an int that may be None, <c>long[]</c> for int lists),
/// with the reference's defaults. The one addition is a trailing <c>int[] strides</c> on heads, which the reference
/// sets after building; it is filled from the model's strides.
/// </summary>
public static class ReferenceConstructor
{
    /// <param name="extras">Values of C#-only parameters by name (e.g. a head's <c>legacy</c>, the file-wide rule).</param>
    public static torch.nn.Module Build(string module, JsonElement args, int[] strides, IReadOnlyDictionary<string, object>? extras = null)
    {
        var type = typeof(Conv).Assembly.GetType("YoloGen.Nn." + module)
            ?? typeof(Conv).Assembly.GetType("YoloGen.Nn." + char.ToUpperInvariant(module[0]) + module[1..]) // v10Detect → V10Detect
            ?? throw new NotSupportedException($"YoloGen.Nn has no module {module}");
        // Overloads (e.g. ZeroPad2d's int or list) are tried widest first; the first whose parameters take the arguments wins.
        var constructors = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .OrderByDescending(c => c.GetParameters().Length).ToList();
        Exception? first = null;
        foreach (var constructor in constructors)
        {
            object?[] values;
            try { values = Bind(module, constructor, args, strides, extras); }
            catch (Exception e) when (e is InvalidOperationException or NotSupportedException or FormatException)
            {
                first ??= e;
                continue;
            }
            return (torch.nn.Module)constructor.Invoke(values);
        }
        throw first!;
    }

    private static object?[] Bind(string module, ConstructorInfo constructor, JsonElement args, int[] strides, IReadOnlyDictionary<string, object>? extras)
    {
        var parameters = constructor.GetParameters();
        bool variadic = parameters.Length > 0 && parameters[^1].IsDefined(typeof(ParamArrayAttribute));
        var referenceCount = parameters.TakeWhile(p => p.Name != "strides").Count();
        if (!variadic && args.GetArrayLength() > referenceCount)
            throw new InvalidOperationException(
                $"{module}: the reference passes {args.GetArrayLength()} arguments, the C# constructor takes {referenceCount} " +
                $"({string.Join(", ", parameters.Select(p => p.Name))})");

        var values = new object?[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            if (p.Name == "strides") values[i] = strides;
            else if (extras is not null && extras.TryGetValue(p.Name!, out var extra)) values[i] = extra;
            else if (variadic && i == parameters.Length - 1)
                values[i] = args.EnumerateArray().Skip(i).Select(a => (object?)a.Clone()).ToArray(); // taken and ignored (nn.Identity)
            else if (i < args.GetArrayLength()) values[i] = Convert(args[i], p.ParameterType, $"{module}.{p.Name}");
            else if (p.HasDefaultValue) values[i] = p.DefaultValue;
            else throw new InvalidOperationException($"{module}: no value for '{p.Name}', which has no default");
        }
        return values;
    }

    private static object? Convert(JsonElement value, Type type, string where)
    {
        var nullable = Nullable.GetUnderlyingType(type);
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (nullable is not null || !type.IsValueType) return null;
            throw new InvalidOperationException($"{where}: the reference passes None to a non-nullable {type.Name}");
        }
        type = nullable ?? type;
        if (type == typeof(long)) return value.ValueKind == JsonValueKind.Number ? value.GetInt64() : throw new FormatException($"{where}: a JSON {value.ValueKind} is not an int");
        if (type == typeof(int)) return value.GetInt32();
        if (type == typeof(double)) return value.GetDouble();
        if (type == typeof(float)) return value.GetSingle();
        if (type == typeof(bool)) return value.GetBoolean();
        if (type == typeof(string)) return value.GetString();
        if (type == typeof(long[]) && value.ValueKind == JsonValueKind.Array) return value.EnumerateArray().Select(v => v.GetInt64()).ToArray();
        if (type == typeof(int[])) return value.EnumerateArray().Select(v => v.GetInt32()).ToArray();
        if (type == typeof((long, long)))
            return (value[0].GetInt64(), value[value.GetArrayLength() > 1 ? 1 : 0].GetInt64());
        throw new NotSupportedException($"{where}: no conversion of a JSON {value.ValueKind} to {type.Name}");
    }
}
