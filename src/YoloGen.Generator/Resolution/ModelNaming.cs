using System.Text;
using System.Text.RegularExpressions;

namespace YoloGen.Generator.Resolution;

/// <summary>
/// Model and class names, following the reference's convention: the scale letter goes right after the
/// leading <c>yolo&lt;version&gt;</c> token (<c>yolo11.yaml</c> → <c>yolo11n</c>, <c>yolo11-se.yaml</c> →
/// <c>yolo11n-se</c>) unless the file name already carries it (<c>yolov10b.yaml</c> at scale b → <c>yolov10b</c>, not
/// <c>yolov10bb</c>); a file not named that way gets <c>-&lt;scale&gt;</c> appended (<c>mynet.yaml</c> → <c>mynet-n</c>).
/// Class names are the model name in PascalCase, split at '-', '_', '.' and spaces (<c>yolo11n-se</c> → <c>Yolo11nSe</c>).
/// </summary>
internal static class ModelNaming
{
    private static readonly Regex s_versionToken = new("^(yolo[vV]?[0-9]+)(.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public static string ModelName(string fileStem, string scale)
    {
        if (scale.Length == 0) return fileStem;
        var match = s_versionToken.Match(fileStem);
        var rest = match.Groups[2].Value;
        if (match.Success && rest.StartsWith(scale, System.StringComparison.Ordinal)
            && (rest.Length == scale.Length || !char.IsLetterOrDigit(rest[scale.Length])))
            return fileStem;
        return match.Success
            ? match.Groups[1].Value + scale + match.Groups[2].Value
            : fileStem + "-" + scale;
    }

    public static string ClassName(string modelName)
    {
        var sb = new StringBuilder(modelName.Length);
        var startOfWord = true;
        foreach (var c in modelName)
        {
            if (c is '-' or '_' or '.' or ' ')
            {
                startOfWord = true;
                continue;
            }
            if (!char.IsLetterOrDigit(c)) continue;
            sb.Append(startOfWord ? char.ToUpperInvariant(c) : c);
            startOfWord = false;
        }
        if (sb.Length == 0 || char.IsDigit(sb[0])) sb.Insert(0, "Model");
        return sb.ToString();
    }
}
