using System.Text;
using YoloGen.Models;

namespace YoloGen.Runtime.Tests.Generated;

/// <summary>
/// README's model list is the compiled-in networks, file by file: a table written from <see cref="YoloModels"/>, so it
/// cannot drift from models/. <c>YOLOGEN_UPDATE_DOCS=1</c> rewrites it.
/// </summary>
public sealed class ReadmeModelListTests
{
    private const string Begin = "<!-- model-list:begin -->";
    private const string End = "<!-- model-list:end -->";

    [Fact]
    public void Readme_lists_every_compiled_network_by_model_file()
    {
        var path = Path.Combine(TestPaths.RepoRoot, "README.md");
        var readme = File.ReadAllText(path).ReplaceLineEndings("\n");
        int start = readme.IndexOf(Begin, StringComparison.Ordinal), end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"README.md has no {Begin} … {End} block");
        var expected = readme[..(start + Begin.Length)] + "\n" + Table() + readme[end..];
        if (Environment.GetEnvironmentVariable("YOLOGEN_UPDATE_DOCS") == "1") File.WriteAllText(path, expected);
        Assert.True(expected == readme,
            "README.md's model list is out of date; run YOLOGEN_UPDATE_DOCS=1 dotnet test tests/YoloGen.Runtime.Tests -c Release --filter ReadmeModelListTests");
    }

    private static string Table()
    {
        var rows = new List<(string File, string Name, string Head, long Parameters)>();
        foreach (var name in YoloModels.Names)
        {
            using var model = YoloModels.Create(name);
            var head = model.Head.GetName() + (model.IsEndToEnd ? ", end-to-end" : "") + (model.Head.RegMax == 1 ? ", reg_max 1" : "");
            rows.Add((model.ModelFile ?? "", name, head, model.parameters().Sum(p => p.numel())));
        }
        var text = new StringBuilder("| model file | networks (parameters at 80 classes) | head |\n|---|---|---|\n");
        foreach (var file in rows.GroupBy(r => r.File).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var networks = string.Join(", ", file.Select(r => $"`{r.Name}` {r.Parameters:N0}"));
            var heads = string.Join("; ", file.Select(r => r.Head).Distinct());
            text.Append($"| `models/{file.Key}` | {networks} | {heads} |\n");
        }
        return text.ToString();
    }
}
