using System.Reflection;
using Microsoft.CodeAnalysis;
using YoloGen.Generator.Model;
using Xunit;

namespace YoloGen.Generator.Tests.Pipeline;

/// <summary>
/// Nothing the pipeline caches can hold a Roslyn or YamlDotNet object (which would pin a compilation in memory and
/// break value equality): a walk over every type reachable from the step outputs' properties.
/// </summary>
public sealed class ModelPurityTests
{
    [Fact]
    public void Pipeline_models_hold_only_plain_values()
    {
        var seen = new HashSet<Type>();
        var pending = new Queue<Type>([typeof(ParsedModelFile), typeof(ModelFileResult), typeof(Generator.Emission.RegistryEntry), typeof(Generator.Resolution.DuplicateClasses), typeof(GeneratorOptions)]);
        while (pending.Count > 0)
        {
            var type = pending.Dequeue();
            if (!seen.Add(type)) continue;
            Assert.False(typeof(ISymbol).IsAssignableFrom(type), type.FullName);
            Assert.False(typeof(Compilation).IsAssignableFrom(type), type.FullName);
            Assert.False(typeof(SyntaxNode).IsAssignableFrom(type), type.FullName);
            Assert.False(typeof(Location).IsAssignableFrom(type), type.FullName);
            Assert.False(type.Namespace?.StartsWith("YamlDotNet", StringComparison.Ordinal) ?? false, type.FullName);
            Assert.False(type.Namespace?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) ?? false, type.FullName);

            foreach (var next in Reachable(type)) pending.Enqueue(next);
            foreach (var derived in typeof(ArgValue).Assembly.GetTypes().Where(t => t.BaseType == type)) pending.Enqueue(derived);
        }
        Assert.Contains(typeof(ResolvedLayer), seen);
        Assert.Contains(typeof(YamlScalar), seen);
    }

    private static IEnumerable<Type> Reachable(Type type)
    {
        if (type.IsPrimitive || type == typeof(string) || type.IsEnum) yield break;
        if (type.IsGenericType)
            foreach (var argument in type.GetGenericArguments()) yield return argument;
        if (type.IsGenericType) yield break; // ImmutableEquatableArray<T>, Nullable<T>: their argument is what is stored
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            if (property.GetIndexParameters().Length == 0) yield return property.PropertyType;
    }
}
