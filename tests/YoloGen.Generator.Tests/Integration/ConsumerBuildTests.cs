using System.Text.Json;
using System.Text.RegularExpressions;
using YoloGen.Generator.Tests.Infrastructure;

namespace YoloGen.Generator.Tests.Integration;

/// <summary>
/// The generator as a user meets it: a throwaway console project in a temporary folder references
/// src/YoloGen.Generator as an analyzer and src/YoloGen.Runtime, puts a model YAML in models/, and runs
/// <c>dotnet build</c>. A broken YAML fails the build with <c>file.yaml(line,col): error YG…</c> lines at the
/// right places; the fixed YAML builds, and the program constructs the generated class and runs it.
/// The project imports the repository's Directory.Build.props/.targets (the native-library fix) and
/// Directory.Packages.props (the package versions), so it needs nothing but the NuGet feed.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ConsumerBuildTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "yologen-consumer-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void Broken_yaml_fails_the_build_at_its_lines_and_the_fixed_one_builds_and_runs()
    {
        var yaml = File.ReadAllText(Path.Combine(RepositoryPaths.Models, "yolo11.yaml"));
        var broken = yaml
            .Replace("  - [-1, 1, Conv, [128, 3, 2]] # 1-P2/4", "  - [-1, 1, Convv, [128, 3, 2]] # 1-P2/4")   // line 18
            .Replace("  - [-1, 2, C3k2, [512, False]] # 13", "  - [-1, 0, C3k2, [512, False]] # 13");                // line 33
        Assert.Contains("Convv", broken);
        Assert.Contains("[-1, 0, C3k2", broken);
        CreateConsumer(broken);

        var (failed, log) = DotnetCli.Run(_folder, Timeout, "build", "-c", Configuration, "-nodeReuse:false");
        Assert.True(failed != 0, "the broken YAML built:\n" + log);
        var yamlPath = Regex.Escape(Path.Combine(_folder, "models", "yolo11.yaml"));
        Assert.True(Regex.IsMatch(log, yamlPath + @"\(18,13\): error YG0006: Layer 1: unknown module 'Convv'; did you mean 'Conv'\?"), log);
        Assert.True(Regex.IsMatch(log, yamlPath + @"\(33,10\): error YG0009: Layer 13: repeats must be an integer of at least 1; found 0"), log);
        Assert.False(Regex.IsMatch(log, @"error (MSB|NU)\d+"), log); // the YAML's errors (and Program.cs missing the class), nothing else

        File.WriteAllText(Path.Combine(_folder, "models", "yolo11.yaml"), yaml);
        var (built, buildLog) = DotnetCli.Run(_folder, Timeout, "build", "-c", Configuration, "-nodeReuse:false");
        Assert.True(built == 0, "the fixed YAML did not build:\n" + buildLog);
        Assert.DoesNotContain("warning YG", buildLog);

        var (ran, runOutput) = DotnetCli.Run(_folder, Timeout, "run", "--no-build", "-c", Configuration);
        Assert.True(ran == 0, "the consumer failed:\n" + runOutput);
        // Parameter count from the reference (tests/reference/models.json); 640/8, 640/16, 640/32 at 64×64
        // input are 8×8 + 4×4 + 2×2 = 84 anchors, each with 4 box values and 80 class scores.
        Assert.Contains($"yolo11n params={ReferenceParameters("yolo11n")} strides=8,16,32 predictions=1x84x84", runOutput);
    }

    private void CreateConsumer(string modelYaml)
    {
        var root = RepositoryPaths.Root;
        Directory.CreateDirectory(Path.Combine(_folder, "models"));
        File.WriteAllText(Path.Combine(_folder, "models", "yolo11.yaml"), modelYaml);
        File.WriteAllText(Path.Combine(_folder, "Directory.Build.props"), $"""<Project><Import Project="{root}/Directory.Build.props" /></Project>""");
        File.WriteAllText(Path.Combine(_folder, "Directory.Build.targets"), $"""<Project><Import Project="{root}/Directory.Build.targets" /></Project>""");
        File.WriteAllText(Path.Combine(_folder, "Directory.Packages.props"), $"""<Project><Import Project="{root}/Directory.Packages.props" /></Project>""");
        File.WriteAllText(Path.Combine(_folder, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{root}/src/YoloGen.Runtime/YoloGen.Runtime.csproj" />
                <ProjectReference Include="{root}/src/YoloGen.Generator/YoloGen.Generator.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                <AdditionalFiles Include="models/*.yaml" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(_folder, "Program.cs"), """
            using TorchSharp;
            using YoloGen.Models;

            using var model = new Yolo11n();
            model.eval();
            using var input = torch.zeros(1, 3, 64, 64);
            using var output = model.forward(input);
            var parameters = model.parameters().Sum(p => p.numel());
            Console.WriteLine($"{model.ModelName} params={parameters} strides={string.Join(",", model.Strides)} predictions={string.Join("x", output.Predictions!.shape)}");
            """);
    }

    private static long ReferenceParameters(string model)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Reference, "models.json")));
        return json.RootElement.EnumerateArray().Single(m => m.GetProperty("model").GetString() == model).GetProperty("total_params").GetInt64();
    }

    /// <summary>The configuration this test assembly was built in, so the referenced projects are already up to date.</summary>
    private static string Configuration =>
        AppContext.BaseDirectory.Replace('\\', '/').Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temporary folder is harmless
        }
    }
}
