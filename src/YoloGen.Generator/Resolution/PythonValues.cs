using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using YoloGen.Generator.Model;

namespace YoloGen.Generator.Resolution;

/// <summary>
/// The values the reference sees: PyYAML's YAML 1.1 typing of plain scalars (<c>yaml.safe_load</c>), and
/// <c>parse_model</c>'s pass over string arguments (<c>locals()[a]</c> for <c>nc</c>, else <c>ast.literal_eval</c>,
/// leaving the string as it is when that fails).
/// </summary>
internal static class PythonValues
{
    // PyYAML's implicit resolvers (yaml/resolver.py).
    private static readonly Regex s_bool = new("^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$");
    private static readonly Regex s_null = new("^(?:~|null|Null|NULL|)$");
    private static readonly Regex s_int = new(
        "^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$");
    private static readonly Regex s_float = new(
        @"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$");

    // Python literals accepted by ast.literal_eval that matter here.
    private static readonly Regex s_pyInt = new("^[-+]?(?:0|[1-9](?:_?[0-9])*|0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+)$");
    private static readonly Regex s_pyFloat = new(@"^[-+]?(?:(?:[0-9](?:_?[0-9])*)?\.[0-9](?:_?[0-9])*|[0-9](?:_?[0-9])*\.?)(?:[eE][-+]?[0-9](?:_?[0-9])*)?$");

    /// <summary>A YAML node as PyYAML loads it (nested lists included).</summary>
    public static ArgValue FromYaml(YamlValue node) => node switch
    {
        YamlScalar scalar => FromScalar(scalar),
        YamlList list => new ListValue(list.Items.Select(FromYaml).ToImmutableEquatableArray()),
        _ => new StringValue(YamlText.Render(node)),
    };

    public static ArgValue FromScalar(YamlScalar scalar)
    {
        if (scalar.IsQuoted) return new StringValue(scalar.Value);
        var text = scalar.Value;
        if (s_null.IsMatch(text)) return NoneValue.Instance;
        if (s_bool.IsMatch(text)) return new BoolValue(text[0] is 'y' or 'Y' or 't' or 'T' || text is "on" or "On" or "ON");
        if (s_int.IsMatch(text)) return YamlInt(text);
        if (s_float.IsMatch(text)) return new FloatValue(YamlFloat(text));
        return new StringValue(text);
    }

    /// <summary>
    /// <c>parse_model</c>'s treatment of a top-level string argument: <c>nc</c> becomes the class count,
    /// anything <c>ast.literal_eval</c> accepts becomes that value, everything else stays a string.
    /// </summary>
    public static ArgValue EvaluateArgument(ArgValue value, int nc, out bool isNc)
    {
        isNc = false;
        if (value is not StringValue { Value: var text }) return value;
        if (text == "nc")
        {
            isNc = true;
            return new IntValue(nc);
        }
        return LiteralEval(text) ?? value;
    }

    /// <summary>The subset of <c>ast.literal_eval</c> a layer argument can meaningfully use; null when Python would raise.</summary>
    public static ArgValue? LiteralEval(string source)
    {
        var text = source.Trim(' ', '\t');
        switch (text)
        {
            case "None": return NoneValue.Instance;
            case "True": return new BoolValue(true);
            case "False": return new BoolValue(false);
        }
        if (s_pyInt.IsMatch(text))
        {
            var negative = text[0] == '-';
            var digits = text.TrimStart('+', '-').Replace("_", "");
            var radix = digits.Length > 1 && digits[0] == '0' ? char.ToLowerInvariant(digits[1]) switch { 'x' => 16, 'o' => 8, 'b' => 2, _ => 10 } : 10;
            if (radix != 10) digits = digits.Substring(2);
            return ParseInteger(digits, radix, negative);
        }
        if (s_pyFloat.IsMatch(text) && double.TryParse(text.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return new FloatValue(number);
        if (text.Length >= 2 && (text[0] == '\'' || text[0] == '"') && text[text.Length - 1] == text[0] && text.IndexOf(text[0], 1) == text.Length - 1)
            return new StringValue(text.Substring(1, text.Length - 2));
        return null;
    }

    /// <summary>Python's <c>repr</c> of a value, for messages (<c>None</c>, <c>True</c>, <c>'nearest'</c>, <c>[64, 128]</c>).</summary>
    public static string Repr(ArgValue value) => value switch
    {
        NoneValue => "None",
        BoolValue b => b.Value ? "True" : "False",
        IntValue i => i.Value.ToString(CultureInfo.InvariantCulture),
        FloatValue f => FloatRepr(f.Value),
        StringValue s => "'" + s.Value.Replace("\\", "\\\\").Replace("'", "\\'") + "'",
        ListValue l => "[" + string.Join(", ", l.Items.Select(Repr)) + "]",
        _ => value.ToString(),
    };

    /// <summary>Python's float <c>repr</c>: shortest round-trip digits, always with a '.' or exponent (<c>2.0</c>, <c>0.25</c>, <c>1e-05</c>).</summary>
    public static string FloatRepr(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        var r = value.ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOf('E');
        string mantissa = e < 0 ? r : r.Substring(0, e);
        var exponent = e < 0 ? 0 : int.Parse(r.Substring(e + 1), CultureInfo.InvariantCulture);
        // Normalize to digits + decimal exponent, then format the way Python's float_repr_style 'short' does.
        var negative = mantissa.StartsWith("-", StringComparison.Ordinal);
        if (negative) mantissa = mantissa.Substring(1);
        var dot = mantissa.IndexOf('.');
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        var pointPosition = (dot < 0 ? mantissa.Length : dot) + exponent;
        var trimmed = digits.TrimStart('0');
        pointPosition -= digits.Length - trimmed.Length;
        digits = trimmed.TrimEnd('0');
        if (digits.Length == 0) return negative ? "-0.0" : "0.0";
        var decimalExponent = pointPosition - 1;
        var sb = new StringBuilder(negative ? "-" : "");
        if (decimalExponent < -4 || decimalExponent >= 16)
        {
            sb.Append(digits[0]);
            if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
            sb.Append('e').Append(decimalExponent < 0 ? '-' : '+').Append(Math.Abs(decimalExponent).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (pointPosition <= 0)
        {
            sb.Append("0.").Append('0', -pointPosition).Append(digits);
        }
        else if (pointPosition >= digits.Length)
        {
            sb.Append(digits).Append('0', pointPosition - digits.Length).Append(".0");
        }
        else
        {
            sb.Append(digits, 0, pointPosition).Append('.').Append(digits, pointPosition, digits.Length - pointPosition);
        }
        return sb.ToString();
    }

    private static ArgValue YamlInt(string text)
    {
        var negative = text[0] == '-';
        var body = text.TrimStart('+', '-').Replace("_", "");
        if (body.IndexOf(':') >= 0)
        {
            // Sexagesimal (YAML 1.1): 1:30 == 90.
            long total = 0;
            foreach (var part in body.Split(':')) total = total * 60 + long.Parse(part, CultureInfo.InvariantCulture);
            return new IntValue(negative ? -total : total);
        }
        if (body.StartsWith("0b", StringComparison.Ordinal)) return ParseInteger(body.Substring(2), 2, negative);
        if (body.StartsWith("0x", StringComparison.Ordinal)) return ParseInteger(body.Substring(2), 16, negative);
        if (body.Length > 1 && body[0] == '0') return ParseInteger(body.Substring(1), 8, negative);
        return ParseInteger(body, 10, negative);
    }

    private static double YamlFloat(string text)
    {
        var body = text.Replace("_", "");
        switch (body.TrimStart('+', '-').ToLowerInvariant())
        {
            case ".inf": return body[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
            case ".nan": return double.NaN;
        }
        if (body.IndexOf(':') >= 0)
        {
            var negative = body[0] == '-';
            double total = 0;
            foreach (var part in body.TrimStart('+', '-').Split(':')) total = total * 60 + double.Parse(part, CultureInfo.InvariantCulture);
            return negative ? -total : total;
        }
        return double.Parse(body, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>An integer in the given radix; beyond 64 bits it becomes a float, which no integer parameter accepts.</summary>
    private static ArgValue ParseInteger(string digits, int radix, bool negative)
    {
        if (digits.Length == 0) return new IntValue(0);
        double magnitude = 0;
        ulong value = 0;
        var overflow = false;
        foreach (var c in digits)
        {
            var digit = Convert.ToInt32(c.ToString(), 16);
            magnitude = magnitude * radix + digit;
            if (!overflow)
            {
                var next = unchecked(value * (ulong)radix + (ulong)digit);
                if (value > (ulong.MaxValue - (ulong)digit) / (ulong)radix || next > long.MaxValue) overflow = true;
                else value = next;
            }
        }
        if (overflow) return new FloatValue(negative ? -magnitude : magnitude);
        return new IntValue(negative ? -(long)value : (long)value);
    }
}
