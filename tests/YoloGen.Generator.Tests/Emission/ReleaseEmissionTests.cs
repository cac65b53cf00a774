using System.Text.RegularExpressions;
using YoloGen.Generator.Emission;
using YoloGen.Generator.Tests.Infrastructure;
using Xunit;

namespace YoloGen.Generator.Tests.Emission;

/// <summary>
/// Eval-mode release in the generated <c>forward</c>, for every scale of every file in models/ (single- and multi-output
/// modules): each layer-output local is released exactly once, under <c>!training</c>, right after the statement that
/// reads it last (no layer runs in between), with that statement's result as the kept value; the input <c>x</c> never.
/// </summary>
public sealed partial class ReleaseEmissionTests
{
    public static TheoryData<string> ModelFiles() => new(Directory.GetFiles(RepositoryPaths.Models, "*.yaml").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(ModelFiles))]
    public void Every_layer_output_is_released_once_right_after_its_last_reader(string file)
    {
        var result = ModelPipeline.ResolveFile(Path.Combine(RepositoryPaths.Models, file));
        Assert.NotEmpty(result.Models);
        foreach (var model in result.Models)
        {
            var lines = ForwardBody(ModelEmitter.Emit(model, "YoloGen.Models"));
            var defined = new List<(string Local, int Line)>();
            var released = new Dictionary<string, (int Line, string Kept)>();
            for (int i = 0; i < lines.Count; i++)
            {
                var release = ReleaseLine().Match(lines[i]);
                if (release.Success)
                {
                    var args = release.Groups[1].Value.Split(", ");
                    foreach (var local in args.Skip(1))
                    {
                        Assert.False(released.ContainsKey(local), $"{model.ClassName}: {local} released twice");
                        Assert.NotEqual("x", local);
                        released[local] = (i, args[0]);
                    }
                    continue;
                }
                var definition = Definition().Match(lines[i]);
                if (definition.Success && !definition.Groups[1].Value.Contains('_') && definition.Groups[1].Value != "output")
                    defined.Add((definition.Groups[1].Value, i));
            }

            Assert.Equal(model.Layers.Sum(l => l.IsHead ? 0 : l.OutputCount), defined.Count);
            foreach (var (local, line) in defined)
            {
                Assert.True(released.TryGetValue(local, out var r), $"{model.ClassName}: {local} is never released");
                var readers = Enumerable.Range(line + 1, lines.Count - line - 1)
                    .Where(i => !ReleaseLine().IsMatch(lines[i]) && Regex.IsMatch(lines[i], $@"\b{local}\b")).ToList();
                int last = readers.Count > 0 ? readers.Max() : line;
                Assert.True(r.Line > last, $"{model.ClassName}: {local} released on line {r.Line} before its reader on line {last}");
                Assert.DoesNotContain(Enumerable.Range(last + 1, r.Line - last - 1), i => lines[i].Contains(".forward(", StringComparison.Ordinal));
                string expectedKept = readers.Count == 0 ? "null" : Definition().Match(lines[last]).Groups[1].Value;
                Assert.Equal(expectedKept, r.Kept);
            }
        }
    }

    private static List<string> ForwardBody(string source)
    {
        var all = source.Split('\n').Select(l => l.Trim()).ToList();
        int start = all.IndexOf("public override global::YoloGen.Models.DetectionOutput forward(Tensor x)") + 2;
        int end = all.IndexOf("}", start);
        return all.GetRange(start, end - start);
    }

    [GeneratedRegex(@"^if \(!training\) Release\((.*)\);$")]
    private static partial Regex ReleaseLine();

    [GeneratedRegex(@"^var (\w+) = ")]
    private static partial Regex Definition();
}
