namespace YoloGen.Generator.Model;

/// <summary>
/// A constructor argument value with Python's types, as the reference's <c>parse_model</c> sees it after YAML
/// loading and its <c>ast.literal_eval</c> pass (YAML <c>None</c> → <see cref="NoneValue"/>, <c>False</c> → bool).
/// </summary>
internal abstract record ArgValue;

internal sealed record NoneValue : ArgValue
{
    public static NoneValue Instance { get; } = new();
}

internal sealed record BoolValue(bool Value) : ArgValue;

internal sealed record IntValue(long Value) : ArgValue;

internal sealed record FloatValue(double Value) : ArgValue;

internal sealed record StringValue(string Value) : ArgValue;

internal sealed record ListValue(ImmutableEquatableArray<ArgValue> Items) : ArgValue;

/// <summary>C# code written as is in the generated call: a value the network's reference rules decide at run time.</summary>
internal sealed record CodeValue(string Code) : ArgValue;
