using System.Collections.Generic;
using System.Linq;
using YoloGen.Generator.Diagnostics;
using YoloGen.Generator.Model;

namespace YoloGen.Generator.Catalogue;

/// <summary>
/// Combines the project's <c>[YoloModule]</c> classes with the built-ins. A user module with the name of a
/// built-in replaces it in every model of the project (a YG0026 warning says so); a name declared by two classes
/// (YG0025) or a class with errors (YG0024) is unusable, and a YAML naming it is told why.
/// </summary>
internal static class UserCatalogue
{
    public static UserCatalogueResult Build(IReadOnlyList<UserModuleSpec> specs)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var valid = new List<ModuleSignature>();
        var unusable = new List<UnusableModule>();
        foreach (var group in specs.GroupBy(s => s.YamlName))
        {
            var declared = group.ToList();
            foreach (var spec in declared) diagnostics.AddRange(spec.Problems);
            if (declared.Count > 1)
            {
                var classes = string.Join(", ", declared.Select(s => s.ClassName));
                foreach (var spec in declared)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateUserModule, spec.FilePath, spec.AttributeSpan, spec.YamlName, classes));
                unusable.Add(new UnusableModule(group.Key, $"several [YoloModule] classes declare it ({classes}), see YG0025"));
                continue;
            }
            var single = declared[0];
            if (single.Signature is null)
            {
                unusable.Add(new UnusableModule(group.Key, $"the [YoloModule] class {single.ClassName} that declares it has errors, see YG0024"));
                continue;
            }
            if (ModuleCatalogue.BuiltIn.Find(single.YamlName) is not null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UserModuleReplacesBuiltIn, single.FilePath, single.AttributeSpan, single.ClassName, single.YamlName));
            valid.Add(single.Signature);
        }
        return new UserCatalogueResult(ModuleCatalogue.BuiltIn.With(valid, unusable), diagnostics.ToImmutableEquatableArray());
    }
}
