using System.Globalization;
using System.Text;

namespace YoloGen.Export;

/// <summary>
/// Python literal text, the form of the model metadata values (<c>str(value)</c> when written, <c>ast.literal_eval</c>
/// when read): ints, floats, strings, True/False/None, lists, tuples and dicts. Values read are long, double, string,
/// bool, null, <see cref="List{T}"/> of object? and <see cref="Dictionary{TKey, TValue}"/> of object → object?.
/// </summary>
public static class PythonLiteral
{
    public static string Format(object? value) => value switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        string s => Quote(s),
        int or long => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture) is var r && (r.Contains('.') || r.Contains('E')) ? r.Replace("E", "e") : r + ".0",
        System.Collections.IDictionary map => "{" + string.Join(", ", map.Keys.Cast<object>().Select(k => Format(k) + ": " + Format(map[k]))) + "}",
        System.Collections.IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Format)) + "]",
        _ => throw new ArgumentException($"no Python literal for {value.GetType().Name}"),
    };

    /// <summary>A string as Python's repr writes it: single quotes unless the text holds one and no double quote.</summary>
    public static string Quote(string s)
    {
        char quote = s.Contains('\'') && !s.Contains('"') ? '"' : '\'';
        var b = new StringBuilder().Append(quote);
        foreach (char c in s)
        {
            if (c == quote || c == '\\') b.Append('\\').Append(c);
            else if (c == '\n') b.Append("\\n");
            else if (c == '\r') b.Append("\\r");
            else if (c == '\t') b.Append("\\t");
            else if (c < 0x20 || c == 0x7f) b.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            else b.Append(c);
        }
        return b.Append(quote).ToString();
    }

    /// <summary>Parses a literal; malformed text is a <see cref="FormatException"/> naming the position.</summary>
    public static object? Parse(string text)
    {
        var reader = new Reader(text);
        var value = reader.Value();
        reader.SkipSpace();
        if (!reader.AtEnd) throw reader.Error("unexpected text after the value");
        return value;
    }

    private sealed class Reader(string text)
    {
        private int _pos;

        public bool AtEnd => _pos >= text.Length;

        public FormatException Error(string what) => new($"{what} at character {_pos + 1} of '{(text.Length > 80 ? text[..80] + "…" : text)}'");

        public void SkipSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(text[_pos])) _pos++;
        }

        public object? Value()
        {
            SkipSpace();
            if (AtEnd) throw Error("missing value");
            char c = text[_pos];
            if (c == '{') return Dict();
            if (c is '[' or '(') return Sequence(c == '[' ? ']' : ')');
            if (c is '\'' or '"') return String();
            if (char.IsLetter(c)) return Word();
            return Number();
        }

        private Dictionary<object, object?> Dict()
        {
            _pos++;
            var map = new Dictionary<object, object?>();
            while (true)
            {
                SkipSpace();
                if (!AtEnd && text[_pos] == '}') { _pos++; return map; }
                var key = Value() ?? throw Error("None as a dict key");
                Expect(':');
                map[key] = Value();
                if (!Separator('}')) return map;
            }
        }

        private List<object?> Sequence(char close)
        {
            _pos++;
            var list = new List<object?>();
            while (true)
            {
                SkipSpace();
                if (!AtEnd && text[_pos] == close) { _pos++; return list; }
                list.Add(Value());
                if (!Separator(close)) return list;
            }
        }

        /// <summary>After an item: true when another may follow (a comma), false after the closer.</summary>
        private bool Separator(char close)
        {
            SkipSpace();
            if (AtEnd) throw Error($"missing '{close}'");
            if (text[_pos] == ',') { _pos++; return true; }
            if (text[_pos] == close) { _pos++; return false; }
            throw Error($"expected ',' or '{close}'");
        }

        private void Expect(char c)
        {
            SkipSpace();
            if (AtEnd || text[_pos] != c) throw Error($"expected '{c}'");
            _pos++;
        }

        private string String()
        {
            char quote = text[_pos++];
            var b = new StringBuilder();
            while (true)
            {
                if (AtEnd) throw Error("unterminated string");
                char c = text[_pos++];
                if (c == quote) return b.ToString();
                if (c != '\\') { b.Append(c); continue; }
                if (AtEnd) throw Error("unterminated string");
                char e = text[_pos++];
                switch (e)
                {
                    case 'n': b.Append('\n'); break;
                    case 'r': b.Append('\r'); break;
                    case 't': b.Append('\t'); break;
                    case 'x' or 'u' or 'U':
                        int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                        if (_pos + digits > text.Length) throw Error("short escape");
                        b.Append(char.ConvertFromUtf32(int.Parse(text.AsSpan(_pos, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
                        _pos += digits;
                        break;
                    default: b.Append(e); break;
                }
            }
        }

        private object? Word()
        {
            int start = _pos;
            while (!AtEnd && char.IsLetter(text[_pos])) _pos++;
            return text[start.._pos] switch
            {
                "True" => true,
                "False" => false,
                "None" => null,
                var w => throw Error($"unknown name '{w}'"),
            };
        }

        private object Number()
        {
            int start = _pos;
            while (!AtEnd && (char.IsDigit(text[_pos]) || text[_pos] is '-' or '+' or '.' or 'e' or 'E')) _pos++;
            var token = text[start.._pos];
            if (long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)) return i;
            if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
            _pos = start;
            throw Error("expected a value");
        }
    }
}
