using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using YoloGen.Generator.Catalogue;
using YoloGen.Generator.Model;
using YoloGen.Generator.Resolution;

namespace YoloGen.Generator.Emission;

/// <summary>C# text for the resolved values: literals of each parameter type, constructor calls, identifiers.</summary>
internal static class CSharpCode
{
    /// <summary>The call's text without <c>new</c>: <c>Conv(3, 16, k: 3, s: 2)</c>, <c>Detect(nc, [64, 128, 256], [8, 16, 32])</c>.</summary>
    public static string Call(ResolvedLayer layer) =>
        layer.TypeName + "(" + string.Join(", ", layer.ConstructorArguments.Select(Argument)) + ")";

    public static string Argument(ConstructorArgument argument)
    {
        var value = argument.IsNc ? "nc" : Literal(argument.Type, argument.Value);
        return argument.Name is null ? value : Identifier(argument.Name) + ": " + value;
    }

    public static string Literal(ArgType type, ArgValue value) => value switch
    {
        NoneValue => "null",
        CodeValue code => code.Code,
        BoolValue b => b.Value ? "true" : "false",
        IntValue i => i.Value.ToString(CultureInfo.InvariantCulture),
        FloatValue f when type == ArgType.Float32 => Double(f.Value) + "f",
        FloatValue f => Double(f.Value),
        StringValue s => SymbolDisplay.FormatLiteral(s.Value, quote: true),
        ListValue { Items.Count: 2 } pair when type == ArgType.OptionalIntPair =>
            "(" + Literal(ArgType.Int, pair.Items[0]) + ", " + Literal(ArgType.Int, pair.Items[1]) + ")",
        ListValue list => "[" + string.Join(", ", list.Items.Select(item => Literal(ArgType.Int, item))) + "]",
        _ => "default",
    };

    /// <summary>An identifier, escaped with '@' when it is a C# keyword.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    public static string String(string text) => SymbolDisplay.FormatLiteral(text, quote: true);

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Double(double value) =>
        double.IsNaN(value) ? "double.NaN"
        : double.IsPositiveInfinity(value) ? "double.PositiveInfinity"
        : double.IsNegativeInfinity(value) ? "double.NegativeInfinity"
        : PythonValues.FloatRepr(value); // "0.25", "2.0", "1e-05": valid C# double literals
}
