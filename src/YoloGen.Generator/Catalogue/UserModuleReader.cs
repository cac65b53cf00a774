using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.CodeAnalysis;
using YoloGen.Generator.Diagnostics;
using YoloGen.Generator.Model;

namespace YoloGen.Generator.Catalogue;

/// <summary>
/// Reads a <c>[YoloModule]</c> class (found with <c>ForAttributeWithMetadataName</c>) into a
/// <see cref="UserModuleSpec"/>: the attribute's constants, the forward's input and output shape from the
/// <c>nn.Module&lt;,&gt;</c> base class, and the constructor's parameters with their types and defaults.
/// Every misuse becomes a YG0024 diagnostic at the attribute (or at the parameter at fault).
/// </summary>
internal static class UserModuleReader
{
    public const string AttributeName = "YoloGen.YoloModuleAttribute";

    private static readonly Regex s_yamlName = new(@"^[A-Za-z_][A-Za-z0-9_.\-]*$", RegexOptions.CultureInvariant);

    // YoloGen.ChannelRule's values (the runtime enum's documented numbers).
    private const int SameAsInput = 0, FirstArgScaled = 1, SumOfInputs = 2, Fixed = 3;

    public static UserModuleSpec Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var attribute = context.Attributes[0];
        var attributeLocation = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? context.TargetNode.GetLocation();
        var reader = new Reader(type, attribute, attributeLocation);
        var signature = reader.Read();
        var (path, span) = Position(attributeLocation);
        return new UserModuleSpec(reader.YamlName, type.ToDisplayString(), reader.Problems.Count == 0 ? signature : null,
            reader.Problems.ToImmutableEquatableArray(), path, span);
    }

    private sealed class Reader(INamedTypeSymbol type, AttributeData attribute, Location attributeLocation)
    {
        public List<DiagnosticInfo> Problems { get; } = new();

        public string YamlName { get; } =
            attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name ? name : "";

        public ModuleSignature? Read()
        {
            if (!s_yamlName.IsMatch(YamlName))
                Problem("its YAML name must be a word such as \"CBAM\" (letters, digits, '_', '.', '-'); found \"" + YamlName + "\"");
            CheckClass();
            var shape = ForwardShape();
            var constructor = Constructor();
            var channelRule = Named("Channels") is int rule ? rule : SameAsInput;
            var stride = Named("Stride") switch { double d => d, int i => i, _ => 1.0 };
            var outputChannels = Ints("OutputChannels");
            var outputStrides = Ints("OutputStrides");
            if (shape is null || constructor is null) return null;
            var (multiInput, multiOutput) = shape.Value;

            // Outputs: how many, and each one's stride factor.
            var count = 1;
            var factors = new List<double> { stride };
            if (multiOutput)
            {
                if (outputStrides is null || outputStrides.Length == 0 || outputStrides.Any(s => s < 1))
                    Problem("a module returning Tensor[] declares its outputs with OutputStrides, one stride factor of at least 1 per output (such as new[] { 8, 16, 32 })");
                else
                {
                    count = outputStrides.Length;
                    factors = outputStrides.Select(s => (double)s).ToList();
                }
                if (stride != 1) Problem("a multi-output module gives each output's stride in OutputStrides; leave Stride at 1");
            }
            else
            {
                if (outputStrides is not null) Problem("OutputStrides is for modules returning Tensor[]; a single-output module sets Stride");
                if (!(stride > 0) || double.IsInfinity(stride)) Problem("Stride must be a positive number (2 halves the resolution, 0.5 doubles it); found " + Number(stride));
            }

            // Channels.
            ImmutableEquatableArray<int>? fixedChannels = null;
            ArgumentRule argumentRule;
            switch (channelRule)
            {
                case SameAsInput:
                    argumentRule = ArgumentRule.Passthrough;
                    break;
                case FirstArgScaled:
                    argumentRule = ArgumentRule.OutputChannels;
                    break;
                case SumOfInputs:
                    argumentRule = ArgumentRule.SumOfInputs;
                    if (!multiInput) Problem("ChannelRule.SumOfInputs is for modules that take several inputs (nn.Module<Tensor[], …>)");
                    break;
                case Fixed:
                    argumentRule = ArgumentRule.Fixed;
                    if (outputChannels is null || outputChannels.Length != count || outputChannels.Any(c => c < 1))
                        Problem($"ChannelRule.Fixed needs OutputChannels with {Int(count)} positive channel count(s), one per output");
                    else fixedChannels = outputChannels.ToImmutableEquatableArray();
                    break;
                default:
                    Problem("Channels must be a ChannelRule value; found " + Int(channelRule));
                    return null;
            }
            if (channelRule != Fixed && outputChannels is not null) Problem("OutputChannels is only read with Channels = ChannelRule.Fixed");

            var parameters = Parameters(constructor, argumentRule, multiInput, out var insertsInputChannels);
            if (Problems.Count > 0) return null;
            return new ModuleSignature(YamlName, YamlName, type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), argumentRule, parameters,
                Input: multiInput ? ModuleInput.Multiple : ModuleInput.Single,
                Output: multiOutput ? ModuleOutput.Tensors : ModuleOutput.Tensor,
                Stride: StrideRule.Factors,
                OutputCount: count,
                IsUserModule: true,
                InsertsInputChannels: insertsInputChannels,
                FixedChannels: fixedChannels,
                StrideFactors: factors.ToImmutableEquatableArray());
        }

        private void CheckClass()
        {
            if (type.TypeKind != TypeKind.Class) Problem("it must be a class");
            if (type.IsAbstract) Problem("it must not be abstract or static (the generated network creates it with 'new')");
            for (var t = type; t is not null; t = t.ContainingType)
            {
                if (t.IsGenericType) Problem($"'{t.Name}' must not be generic (the YAML names one concrete class)");
                if (t.DeclaredAccessibility != Accessibility.Public)
                    Problem($"'{t.Name}' must be public (the generated network is public and exposes each layer as a typed property)");
            }
        }

        /// <summary>(multi-input, multi-output) from the <c>TorchSharp.torch.nn.Module&lt;TIn, TOut&gt;</c> base class.</summary>
        private (bool, bool)? ForwardShape()
        {
            for (var t = type.BaseType; t is not null; t = t.BaseType)
            {
                if (t.Name != "Module" || t.Arity != 2 || !IsTorch(t.ContainingType, "nn")) continue;
                var input = TensorKind(t.TypeArguments[0]);
                var output = TensorKind(t.TypeArguments[1]);
                if (input is not null && output is not null) return (input.Value, output.Value);
                Problem($"its base class is {t.ToDisplayString()}; a module takes and returns Tensor or Tensor[] (nn.Module<Tensor, Tensor>, nn.Module<Tensor[], Tensor>, nn.Module<Tensor, Tensor[]>)");
                return null;
            }
            Problem("it must derive from TorchSharp's nn.Module<Tensor, Tensor> (or Tensor[] as input or output)");
            return null;
        }

        private IMethodSymbol? Constructor()
        {
            var constructors = type.InstanceConstructors
                .Where(c => c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal)
                .ToList();
            if (constructors.Count == 1) return constructors[0];
            Problem(constructors.Count == 0
                ? "it has no public constructor; the YAML arguments are passed to one"
                : $"it has {Int(constructors.Count)} public constructors; keep one, whose parameters the YAML arguments fill in order");
            return null;
        }

        private ImmutableEquatableArray<ParameterSpec> Parameters(IMethodSymbol constructor, ArgumentRule rule, bool multiInput, out bool insertsInputChannels)
        {
            var ps = constructor.Parameters;
            var inputChannels = multiInput ? "an integer array (long[] or int[]), which receives the channels of each input" : "an integer (long or int), which receives the input channels";
            insertsInputChannels = false;
            if (rule == ArgumentRule.OutputChannels)
            {
                if (ps.Length < 2 || !IsChannels(ps[0].Type, multiInput) || !IsChannels(ps[1].Type, multiInput: false))
                    Problem($"with ChannelRule.FirstArgScaled the constructor starts with (c1, c2): c1 {inputChannels}, c2 an integer, which receives the scaled output channels", ps.Length > 0 ? ps[0].Locations.FirstOrDefault() : null);
            }
            else if (ps.Length > 0 && ps[0].Name == "c1")
            {
                insertsInputChannels = true;
                if (!IsChannels(ps[0].Type, multiInput)) Problem($"a first parameter named c1 must be {inputChannels}", ps[0].Locations.FirstOrDefault());
            }

            var result = new List<ParameterSpec>();
            foreach (var p in ps)
            {
                var argType = Map(p.Type);
                var required = !p.IsOptional && !p.IsParams;
                var display = p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                if (p.RefKind != RefKind.None)
                    Problem($"parameter '{p.Name}' is passed by reference; YAML arguments are values", p.Locations.FirstOrDefault());
                else if (argType == ArgType.Unsupported && required)
                    Problem($"parameter '{p.Name}' has type {display}, which no YAML value can express; use long, int, double, float, bool, string, long?, int?, long[] or int[], or give it a default", p.Locations.FirstOrDefault());
                result.Add(new ParameterSpec(p.Name, argType, InConstructor: true, Required: required, CSharpType: display));
            }
            return result.ToImmutableEquatableArray();
        }

        private object? Named(string name)
        {
            foreach (var pair in attribute.NamedArguments)
                if (pair.Key == name && !pair.Value.IsNull && pair.Value.Kind != TypedConstantKind.Array) return pair.Value.Value;
            return null;
        }

        private int[]? Ints(string name)
        {
            foreach (var pair in attribute.NamedArguments)
            {
                if (pair.Key != name || pair.Value.IsNull || pair.Value.Kind != TypedConstantKind.Array) continue;
                return pair.Value.Values.Select(v => v.Value is int i ? i : 0).ToArray();
            }
            return null;
        }

        private void Problem(string text, Location? at = null)
        {
            var (path, span) = Position(at ?? attributeLocation);
            Problems.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidUserModule, path, span, type.ToDisplayString(), text));
        }
    }

    private static ArgType Map(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            return nullable.TypeArguments[0].SpecialType is SpecialType.System_Int64 or SpecialType.System_Int32 ? ArgType.OptionalInt : ArgType.Unsupported;
        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            return array.ElementType.SpecialType switch
            {
                SpecialType.System_Int64 => ArgType.IntList,
                SpecialType.System_Int32 => ArgType.Int32List,
                _ => ArgType.Unsupported,
            };
        }
        return type.SpecialType switch
        {
            SpecialType.System_Int64 => ArgType.Int,
            SpecialType.System_Int32 => ArgType.Int32,
            SpecialType.System_Double => ArgType.Float,
            SpecialType.System_Single => ArgType.Float32,
            SpecialType.System_Boolean => ArgType.Bool,
            SpecialType.System_String => ArgType.String,
            _ => ArgType.Unsupported,
        };
    }

    private static bool IsChannels(ITypeSymbol type, bool multiInput) =>
        Map(type) is var t && (multiInput ? t is ArgType.IntList or ArgType.Int32List : t is ArgType.Int or ArgType.Int32);

    /// <summary>false for Tensor, true for Tensor[], null for anything else.</summary>
    private static bool? TensorKind(ITypeSymbol type) =>
        IsTensor(type) ? false
        : type is IArrayTypeSymbol { Rank: 1, ElementType: var element } && IsTensor(element) ? true
        : null;

    private static bool IsTensor(ITypeSymbol type) => type.Name == "Tensor" && IsTorch(type.ContainingType, null);

    /// <summary><c>TorchSharp.torch</c>, or its nested class <paramref name="nested"/> (<c>torch.nn</c>).</summary>
    private static bool IsTorch(INamedTypeSymbol? type, string? nested)
    {
        if (nested is not null)
        {
            if (type?.Name != nested) return false;
            type = type.ContainingType;
        }
        return type is { Name: "torch", ContainingType: null, ContainingNamespace: { Name: "TorchSharp", ContainingNamespace.IsGlobalNamespace: true } };
    }

    private static (string Path, SourceSpan Span) Position(Location location)
    {
        var lines = location.GetLineSpan();
        var span = location.SourceSpan;
        return (lines.Path ?? "", new SourceSpan(span.Start, span.Length,
            lines.StartLinePosition.Line, lines.StartLinePosition.Character, lines.EndLinePosition.Line, lines.EndLinePosition.Character));
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
