using System.Collections.Generic;
using YoloGen.Generator.Model;

namespace YoloGen.Generator.Catalogue;

/// <summary>The seed tutorials' EfficientNet backbones: one YAML line, layer indices i … i+4 (P1 … P5).</summary>
internal static partial class BuiltInModules
{
    private static IEnumerable<ModuleSignature> Backbones()
    {
        yield return Backbone("efficient", "EfficientNetV1", ArgumentRule.EfficientNetV1Backbone);
        yield return Backbone("efficientnet_v2", "EfficientNetV2", ArgumentRule.EfficientNetV2Backbone);
    }

    private static ModuleSignature Backbone(string yamlName, string typeName, ArgumentRule rule) =>
        new(yamlName, typeName, typeName, rule,
            ImmutableEquatableArray.Create(P("variant", ArgType.String), P("widthMultiple", ArgType.Float), P("depthMultiple", ArgType.Float)),
            Output: ModuleOutput.Tensors, Stride: StrideRule.PerOutput, OutputCount: YoloGen.Nn.EfficientNetSpec.OutputStrides.Count);
}
