using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using YoloGen.Generator.Diagnostics;
using YoloGen.Generator.Model;

namespace YoloGen.Generator.Resolution;

/// <summary>Class names produced by more than one file, and an error at each place that produces one.</summary>
internal sealed record DuplicateClasses(ImmutableEquatableArray<string> Names, ImmutableEquatableArray<DiagnosticInfo> Diagnostics)
{
    public static DuplicateClasses Find(ImmutableArray<ImmutableEquatableArray<ClassOrigin>> files)
    {
        var origins = files.SelectMany(f => f).ToList();
        var names = new List<string>();
        var diagnostics = new List<DiagnosticInfo>();
        foreach (var group in origins.GroupBy(o => o.ClassName).Where(g => g.Count() > 1))
        {
            names.Add(group.Key);
            var members = group.ToList();
            for (var i = 0; i < members.Count; i++)
            {
                var other = members[i == 0 ? 1 : 0];
                var otherName = other.FilePath == members[i].FilePath
                    ? Path.GetFileName(other.FilePath) + " (listed twice in AdditionalFiles)"
                    : Path.GetFileName(other.FilePath);
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateClassName, members[i].FilePath, members[i].Span,
                    group.Key, Path.GetFileName(members[i].FilePath), otherName));
            }
        }
        return new DuplicateClasses(names.OrderBy(n => n, System.StringComparer.Ordinal).ToImmutableEquatableArray(),
            diagnostics.ToImmutableEquatableArray());
    }
}
