using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using YoloGen.Generator.Catalogue;
using YoloGen.Generator.Tests.Infrastructure;

namespace YoloGen.Generator.Tests.Catalogue;

/// <summary>
/// The built-in catalogue against the runtime it describes: for every built-in module, YoloGen.Nn has the type, and
/// its widest public constructor takes the catalogue's parameters first, by the same names, in the same order, with
/// C# types that hold what the parameter's YAML type allows; the C#-only arguments the generated call adds exist too.
/// Read from the compiled YoloGen.Runtime assembly's metadata (nothing is loaded), so a renamed or reordered
/// constructor parameter fails here, not in a user's build.
/// </summary>
public sealed class CatalogueRuntimeTests
{
    private static readonly Compilation Runtime = CSharpCompilation.Create("Catalogue", [], RuntimeReferences.All);

    public static TheoryData<string> BuiltIns() =>
        new(BuiltInModules.All.Where(m => m.Rule != ArgumentRule.UnsupportedHead).Select(m => m.YamlName));

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void Runtime_constructor_takes_the_catalogue_parameters(string yamlName)
    {
        var module = BuiltInModules.All.Single(m => m.YamlName == yamlName);
        var type = Runtime.GetTypeByMetadataName("YoloGen.Nn." + module.TypeName);
        Assert.True(type is not null, $"YoloGen.Nn has no {module.TypeName} for {yamlName}");
        var constructor = type!.InstanceConstructors.Where(c => c.DeclaredAccessibility == Accessibility.Public)
            .OrderByDescending(c => c.Parameters.Length).First();
        var parameters = constructor.Parameters;

        var expected = module.Parameters.Where(p => p.InConstructor).ToList();
        Assert.True(parameters.Length >= expected.Count, $"{module.TypeName}({string.Join(", ", parameters.Select(p => p.Name))}) lacks parameters of the catalogue");
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal((yamlName, i, expected[i].Name), (yamlName, i, parameters[i].Name));
            var csharp = parameters[i].Type.ToDisplayString();
            Assert.True(Holds(expected[i].Type, csharp), $"{yamlName}.{expected[i].Name}: {csharp} cannot hold {expected[i].Type}");
        }
        foreach (var extra in Extras(module))
            Assert.Contains(extra, parameters.Skip(expected.Count).Select(p => p.Name));
    }

    private static IEnumerable<string> Extras(ModuleSignature module)
    {
        if (module.Stride == StrideRule.Head) yield return "strides";
        switch (module.Extra)
        {
            case ExtraArgument.SppfActivation: yield return "cv1Act"; break;
            case ExtraArgument.HeadRules: yield return "legacy"; yield return "boxBias"; break;
            case ExtraArgument.BoxBias: yield return "boxBias"; break;
        }
    }

    private static bool Holds(ArgType type, string csharp) => type switch
    {
        ArgType.Int => csharp is "long",
        ArgType.Float => csharp is "double",
        ArgType.Bool => csharp is "bool",
        ArgType.String => csharp is "string",
        ArgType.OptionalInt => csharp is "long?",
        ArgType.OptionalBool => csharp is "bool?",
        ArgType.OptionalIntPair => csharp is "(long, long)?",
        ArgType.IntList => csharp is "long[]" or "long[]?",
        _ => false,
    };
}
