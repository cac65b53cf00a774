using System.Collections.Generic;
using YoloGen.Generator.Model;

namespace YoloGen.Generator.Catalogue;

/// <summary>torch.nn modules a model file names with <c>nn.</c>, and Concat.</summary>
internal static partial class BuiltInModules
{
    private static IEnumerable<ModuleSignature> Torch()
    {
        yield return new ModuleSignature("Concat", "Concat", "Concat", ArgumentRule.SumOfInputs,
            ImmutableEquatableArray.Create(P("dimension", ArgType.Int)),
            Input: ModuleInput.Multiple, Stride: StrideRule.SameAcrossInputs);
        yield return new ModuleSignature("nn.Upsample", "Upsample", "Upsample", ArgumentRule.Passthrough,
            ImmutableEquatableArray.Create(P("size", ArgType.OptionalInt), P("scaleFactor", ArgType.Float), P("mode", ArgType.String)),
            Stride: StrideRule.DividedByArgument, StrideArgument: 1);
        // nn.MaxPool2d(kernel_size, stride=None → kernel_size, padding=0, …): the stride is the pool's.
        yield return new ModuleSignature("nn.MaxPool2d", "MaxPool2d", "MaxPool2d", ArgumentRule.Passthrough,
            ImmutableEquatableArray.Create(P("kernelSize", ArgType.Int), P("stride", ArgType.OptionalInt), P("padding", ArgType.Int)),
            Stride: StrideRule.Pool, StrideArgument: 1);
        yield return new ModuleSignature("nn.ZeroPad2d", "ZeroPad2d", "ZeroPad2d", ArgumentRule.Passthrough,
            ImmutableEquatableArray.Create(P("padding", ArgType.IntList)));
        yield return new ModuleSignature("nn.Identity", "Identity", "Identity", ArgumentRule.Passthrough,
            ImmutableEquatableArray<ParameterSpec>.Empty);
        // In parse_model's base modules: [c2, kernel, stride, padding] → [c1, scaled c2, …]; upsamples by its stride.
        yield return new ModuleSignature("nn.ConvTranspose2d", "ConvTranspose2d", "ConvTranspose2d", ArgumentRule.OutputChannels,
            ImmutableEquatableArray.Create(P("inChannels", ArgType.Int), P("outChannels", ArgType.Int), P("kernelSize", ArgType.Int),
                P("stride", ArgType.Int), P("padding", ArgType.Int)),
            Stride: StrideRule.DividedByArgument, StrideArgument: 3);
    }
}
