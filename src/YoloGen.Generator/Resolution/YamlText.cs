using System.Linq;
using YoloGen.Generator.Model;

namespace YoloGen.Generator.Resolution;

/// <summary>Renders a YAML node on one line in flow style, e.g. <c>[-1, 1, Conv, [64, 3, 2]]</c> (comments and layout dropped).</summary>
internal static class YamlText
{
    public static string Render(YamlValue node) => node switch
    {
        YamlScalar scalar => scalar.DisplayText,
        YamlList list => "[" + string.Join(", ", list.Items.Select(Render)) + "]",
        YamlMap map => "{" + string.Join(", ", map.Entries.Select(e => Render(e.Key) + ": " + Render(e.Value))) + "}",
        _ => "",
    };
}
