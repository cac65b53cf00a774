using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using YoloGen.Generator.Emission;
using YoloGen.Generator.Model;
using YoloGen.Generator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace YoloGen.Generator.Tests.Fuzzing;

/// <summary>
/// The generator never throws and never lets an invalid file through, on 10,000 seeded mutations of the real
/// model files (<see cref="YamlMutator"/>). How validity is known without trusting the generator:
/// <list type="bullet">
/// <item>Every input: no exception escapes parse and resolve, no YG9999 (the generator's own exception
/// catcher: a caught exception is still a bug), every diagnostic formats its message and lies inside the file.</item>
/// <item>Invalid by construction (<see cref="YamlMutator.Break"/>): at least one YG error.</item>
/// <item>Valid by construction (<see cref="YamlMutator.Preserve"/>): no error, and the same classes as the original.</item>
/// <item>Blind damage (<see cref="YamlMutator.Damage"/>), whose validity nobody decides in advance: whatever the
/// generator accepts must really be valid, judged independently by the C# compiler: every class generated from
/// any input (damaged, preserved, or the surviving scales of a broken file) is compiled against the real
/// YoloGen.Runtime and TorchSharp assemblies, and must compile without errors. A file that yields no error
/// must also yield classes, or the YG0014 warning that says why not.</item>
/// </list>
/// What the compiler cannot see (a constructor that would throw at run time) is what the per-scale constructor
/// checks exist for; their rules are tested one by one in DiagnosticCatalogueTests.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20241108;
    private const int Inputs = 10_000;
    private const string Namespace = "Fuzz.Placeholder";

    [Fact]
    public void Mutated_model_files_never_throw_and_every_accepted_one_compiles()
    {
        var clock = Stopwatch.StartNew();
        var bases = Bases();
        var random = new Random(Seed);
        var mutator = new YamlMutator(random);
        var failures = new List<string>();
        var sources = new Dictionary<string, string>(); // emitted source → an input that produced it
        var counts = new Dictionary<string, int>();
        int exceptions = 0, withErrors = 0, accepted = 0;

        for (var i = 0; i < Inputs; i++)
        {
            var seedFile = bases[i % bases.Count];
            var family = i % 10 < 6 || seedFile.Kind != BaseKind.Detect ? "damage" : i % 10 < 8 ? "break" : "preserve";
            (string Text, string Operation)? mutation = family switch
            {
                "damage" => mutator.Damage(seedFile.Text),
                "break" => mutator.Break(seedFile.Text),
                _ => mutator.Preserve(seedFile.Text),
            };
            for (var retry = 0; mutation is null && retry < 20; retry++)
                mutation = family == "break" ? mutator.Break(seedFile.Text) : mutator.Preserve(seedFile.Text);
            if (mutation is null) throw new InvalidOperationException($"no {family} mutation applies to {seedFile.Name}");

            var (text, operation) = mutation.Value;
            var label = $"#{i} {seedFile.Name} [{family}: {operation}]";
            counts[family] = counts.GetValueOrDefault(family) + 1;

            ModelFileResult result;
            try
            {
                result = ModelPipeline.ResolveText("/fuzz/" + seedFile.Name, text);
            }
            catch (Exception ex)
            {
                exceptions++;
                failures.Add($"{label}: {ex.GetType().Name} escaped: {ex.Message}");
                continue;
            }

            var diagnostics = result.Diagnostics.Select(d => d.ToDiagnostic()).ToList();
            var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            foreach (var d in diagnostics)
            {
                if (d.Id == "YG9999") exceptions++;
                try
                {
                    if (string.IsNullOrWhiteSpace(d.GetMessage(CultureInfo.InvariantCulture))) failures.Add($"{label}: {d.Id} has an empty message");
                }
                catch (Exception ex)
                {
                    failures.Add($"{label}: {d.Id}'s message does not format: {ex.Message}");
                }
                var span = d.Location.SourceSpan;
                if (d.Location.Kind == LocationKind.ExternalFile && span.End > text.Length) failures.Add($"{label}: {d.Id} lies outside the file");
            }
            if (errors.Count > 0) withErrors++;
            else accepted++;

            switch (family)
            {
                case "break" when errors.Count == 0:
                    failures.Add($"{label}: invalid by construction but no error:\n{text}");
                    break;
                case "preserve" when errors.Count > 0 || !result.Models.Select(m => m.ClassName).SequenceEqual(seedFile.Classes):
                    failures.Add($"{label}: valid by construction but got {string.Join("; ", diagnostics)} and classes {string.Join(", ", result.Models.Select(m => m.ClassName))}:\n{text}");
                    break;
                case "damage" when errors.Count == 0 && result.Models.Count == 0 && !diagnostics.Any(d => d.Id == "YG0014"):
                    failures.Add($"{label}: no error, no warning, and no class:\n{text}");
                    break;
            }

            foreach (var model in result.Models)
            {
                string source;
                try
                {
                    source = ModelEmitter.Emit(model, Namespace);
                }
                catch (Exception ex)
                {
                    exceptions++;
                    failures.Add($"{label}: the emitter threw {ex.GetType().Name}: {ex.Message}");
                    continue;
                }
                sources.TryAdd(source, label + "\n" + text);
            }
        }
        var resolveTime = clock.Elapsed;

        var compileFailures = Compile(sources);
        failures.AddRange(compileFailures);

        var summary = $"fuzz: {Inputs} inputs from {bases.Count} files (seed {Seed}; damage {counts.GetValueOrDefault("damage")}, "
            + $"invalid by construction {counts.GetValueOrDefault("break")}, valid by construction {counts.GetValueOrDefault("preserve")}): "
            + $"exceptions = {exceptions}, with errors {withErrors}, accepted {accepted}; {sources.Count} distinct generated classes compiled, "
            + $"{compileFailures.Count} failed; {resolveTime.TotalSeconds:0.0} s resolving, {clock.Elapsed.TotalSeconds:0.0} s in all";
        output.WriteLine(summary);
        Console.WriteLine(summary);

        Assert.True(failures.Count == 0, $"{failures.Count} failures; first ones:\n" + string.Join("\n\n", failures.Take(5)));
        Assert.Equal(0, exceptions);
        // The run really covered what the summary claims: every input judged, every family drawn, both verdicts
        // reached, and generated classes compiled (a mutator that stopped applying would leave one of these empty).
        Assert.Equal(Inputs, withErrors + accepted);
        Assert.Equal(Inputs, counts.Values.Sum());
        Assert.All(new[] { "damage", "break", "preserve" }, f => Assert.True(counts.GetValueOrDefault(f) > 0, $"no {f} input"));
        Assert.True(withErrors >= counts["break"] && accepted >= counts["preserve"], summary);
        Assert.True(sources.Count >= bases.Count, summary);
    }

    /// <summary>Compiles every distinct generated class (each in its own namespace); returns one line per class that does not compile.</summary>
    private static List<string> Compile(Dictionary<string, string> sources)
    {
        var trees = new List<(SyntaxTree Tree, string Origin)>();
        var k = 0;
        foreach (var (source, origin) in sources)
        {
            var text = source.Replace("namespace " + Namespace + ";", $"namespace Fuzz.F{k++};");
            trees.Add((CSharpSyntaxTree.ParseText(text, GeneratorRunner.ParseOptions, path: $"F{k}.g.cs"), origin));
        }
        var compilation = CSharpCompilation.Create("FuzzConsumer", trees.Select(t => t.Tree), RuntimeReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var byTree = compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .GroupBy(d => d.Location.SourceTree)
            .ToList();
        return byTree.Select(g => $"does not compile: {g.First()}\nfrom {trees.Single(t => t.Tree == g.Key).Origin}").ToList();
    }

    private enum BaseKind
    {
        /// <summary>A valid detection model: every family applies.</summary>
        Detect,

        /// <summary>A task-head file (warning only) or a file with errors: damage only.</summary>
        Other,
    }

    private sealed record BaseFile(string Name, string Text, BaseKind Kind, IReadOnlyList<string> Classes);

    /// <summary>The real model files: models/, and the reference files (11/, v5/, v8/, v9/, variants/, seeds/).</summary>
    private static List<BaseFile> Bases()
    {
        var paths = Directory.GetFiles(RepositoryPaths.Models, "*.yaml")
            .Concat(Directory.GetFiles(Path.Combine(RepositoryPaths.Reference, "yaml"), "*.yaml", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .ToList();
        return paths.Select(path =>
        {
            var text = File.ReadAllText(path);
            var result = ModelPipeline.ResolveText(path, text);
            var kind = result.Diagnostics.Count == 0 && result.Models.Count > 0 ? BaseKind.Detect : BaseKind.Other;
            return new BaseFile(Path.GetFileName(path), text, kind, result.Models.Select(m => m.ClassName).ToList());
        }).ToList();
    }
}
