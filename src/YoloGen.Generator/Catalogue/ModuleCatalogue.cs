using System;
using System.Collections.Generic;
using YoloGen.Generator.Model;

namespace YoloGen.Generator.Catalogue;

/// <summary>
/// The modules a model file may name: the built-ins, plus the consumer's own <c>[YoloModule]</c> classes, which
/// take precedence over a built-in of the same name. <see cref="Unusable"/> holds the names of user modules whose
/// declaration has errors: a YAML naming one is told why instead of getting a spelling suggestion. Value-equatable,
/// so it can be an input of the incremental pipeline.
/// </summary>
internal sealed record ModuleCatalogue(ImmutableEquatableArray<ModuleSignature> Modules, ImmutableEquatableArray<UnusableModule> Unusable)
{
    public static ModuleCatalogue BuiltIn { get; } = new(BuiltInModules.All, ImmutableEquatableArray<UnusableModule>.Empty);

    /// <summary>
    /// A catalogue with <paramref name="userModules"/> added (a user module replaces a built-in of the same YAML
    /// name) and <paramref name="unusable"/> names removed.
    /// </summary>
    public ModuleCatalogue With(IEnumerable<ModuleSignature> userModules, IEnumerable<UnusableModule>? unusable = null)
    {
        var broken = new List<UnusableModule>(unusable ?? []);
        var byName = new List<ModuleSignature>(userModules);
        foreach (var module in Modules)
        {
            if (!byName.Exists(m => m.YamlName == module.YamlName)) byName.Add(module);
        }
        byName.RemoveAll(m => broken.Exists(b => b.YamlName == m.YamlName));
        broken.AddRange(Unusable);
        return new ModuleCatalogue(byName.ToImmutableEquatableArray(), broken.ToImmutableEquatableArray());
    }

    public ModuleSignature? Find(string yamlName)
    {
        foreach (var module in Modules)
        {
            if (string.Equals(module.YamlName, yamlName, StringComparison.Ordinal)) return module;
        }
        return null;
    }

    /// <summary>The text appended to an unknown-module message: a spelling suggestion, or why the name is not available.</summary>
    public string ExplainUnknown(string yamlName)
    {
        foreach (var broken in Unusable)
        {
            if (string.Equals(broken.YamlName, yamlName, StringComparison.Ordinal)) return "; " + broken.Reason;
        }
        var bare = yamlName.StartsWith("nn.", StringComparison.Ordinal) ? yamlName.Substring(3) : yamlName;
        foreach (var name in BuiltInModules.NotImplemented)
        {
            if (string.Equals(name, bare, StringComparison.Ordinal))
                return "; it is an Ultralytics module YoloGen does not provide yet (a [YoloModule] class in your project can supply it)";
        }

        var best = Nearest(yamlName);
        return best is null
            ? "; known modules are " + string.Join(", ", Names())
            : $"; did you mean '{best}'?";
    }

    /// <summary>
    /// The known name the user most likely meant: one the written name begins (<c>Conc</c> → <c>Concat</c>), else
    /// the closest by case-insensitive edit distance ('nn.' prefix optional), if any is close enough.
    /// </summary>
    public string? Nearest(string yamlName)
    {
        var written = yamlName.ToLowerInvariant();
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var module in Modules)
        {
            if (module.Rule == ArgumentRule.UnsupportedHead) continue;
            var names = new[] { module.YamlName.ToLowerInvariant(), module.ReferenceName.ToLowerInvariant() };
            var distance = written.Length >= 3 && Array.Exists(names, n => n.StartsWith(written, StringComparison.Ordinal))
                ? 0
                : Math.Min(EditDistance.Between(written, names[0]), EditDistance.Between(written, names[1]));
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = module.YamlName;
            }
        }
        var allowed = Math.Max(2, yamlName.Length / 3);
        return bestDistance <= allowed ? best : null;
    }

    private IEnumerable<string> Names()
    {
        foreach (var module in Modules)
        {
            if (module.Rule != ArgumentRule.UnsupportedHead) yield return module.YamlName;
        }
    }
}

/// <summary>A module name declared by a <c>[YoloModule]</c> class that cannot be used, and why (for the YAML's message).</summary>
internal sealed record UnusableModule(string YamlName, string Reason);
