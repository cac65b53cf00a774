using System.Text;

namespace YoloGen.IO;

/// <summary>A tensor whose shape in the source differs from the module's.</summary>
public sealed record ShapeMismatch(string Name, long[] Expected, long[] Found)
{
    public override string ToString() => $"{Name}: model [{string.Join(", ", Expected)}], file [{string.Join(", ", Found)}]";
}

/// <summary>What loading a state dict did: how many tensors were copied and every key that did not fit.</summary>
public sealed record StateDictReport(
    string Source,
    int Loaded,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> Unexpected,
    IReadOnlyList<ShapeMismatch> ShapeMismatches)
{
    private const int ListLimit = 12;

    public bool IsExact => Missing.Count == 0 && Unexpected.Count == 0 && ShapeMismatches.Count == 0;

    /// <summary>One readable paragraph: counts, then the first keys of each kind of problem.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder($"{Source}: loaded {Loaded} tensors");
        if (IsExact) return sb.Append(", every key and shape matches").ToString();
        Append(sb, "missing from the file", Missing);
        Append(sb, "not in the model", Unexpected);
        Append(sb, "with a different shape", ShapeMismatches.Select(m => m.ToString()).ToList());
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, string what, IReadOnlyList<string> items)
    {
        if (items.Count == 0) return;
        sb.Append($"; {items.Count} {what}: ").Append(string.Join(", ", items.Take(ListLimit)));
        if (items.Count > ListLimit) sb.Append($", … ({items.Count - ListLimit} more)");
    }
}
