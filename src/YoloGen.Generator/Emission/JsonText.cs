using System.Globalization;
using System.Linq;
using System.Text;
using YoloGen.Generator.Model;
using YoloGen.Generator.Resolution;

namespace YoloGen.Generator.Emission;

/// <summary>
/// Argument lists as JSON in the layout of Python's <c>json.dumps</c> (the golden JSON's <c>args</c>):
/// <c>[null, 2, "nearest"]</c>, <c>[32, 64, 1, false, 0.25]</c>, <c>[80, [64, 128, 256]]</c>.
/// </summary>
internal static class JsonText
{
    public static string Format(ArgValue value) => value switch
    {
        NoneValue => "null",
        BoolValue b => b.Value ? "true" : "false",
        IntValue i => i.Value.ToString(CultureInfo.InvariantCulture),
        FloatValue f => double.IsNaN(f.Value) ? "NaN" : double.IsInfinity(f.Value) ? (f.Value > 0 ? "Infinity" : "-Infinity") : PythonValues.FloatRepr(f.Value),
        StringValue s => Quote(s.Value),
        ListValue l => "[" + string.Join(", ", l.Items.Select(Format)) + "]",
        _ => "null",
    };

    public static string Format(ImmutableEquatableArray<ArgValue> values) => Format(new ListValue(values));

    /// <summary>A JSON string literal with <c>ensure_ascii</c> escaping, as Python writes it.</summary>
    public static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7e) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
