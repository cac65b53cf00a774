using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace YoloGen.Export;

/// <summary>
/// Module dispatch: a module that implements <see cref="IOnnxExportable"/> writes itself; the TorchSharp modules the
/// blocks are built from are a table of small functions (<see cref="TorchModules"/>); anything else is an error
/// naming the module type.
/// </summary>
public sealed partial class OnnxGraph
{
    /// <summary>Exports a module of any arity.</summary>
    public IReadOnlyList<string> Export(nn.Module module, IReadOnlyList<string> inputs)
    {
        if (module is IOnnxExportable exportable) return exportable.ExportOnnx(this, inputs);
        if (TorchModules.TryExport(this, module, inputs) is { } outputs) return outputs;
        throw new OnnxExportException($"module {module.GetType().Name} has no ONNX export (a module exports itself by implementing {nameof(IOnnxExportable)})");
    }

    /// <summary>The single input of a one-input module; another count is an error naming the module.</summary>
    public static string Single(IReadOnlyList<string> inputs, nn.Module module) =>
        inputs.Count == 1 ? inputs[0] : throw new OnnxExportException($"module {module.GetType().Name} takes one input, got {inputs.Count}");

    /// <summary>Exports a one-input, one-output module.</summary>
    public string Export(nn.Module module, string input)
    {
        var outputs = Export(module, [input]);
        if (outputs.Count != 1)
            throw new OnnxExportException($"module {module.GetType().Name} exported {outputs.Count} outputs where one was expected");
        return outputs[0];
    }

    /// <summary>Exports a child module under its name (<c>cv1</c>, <c>m.0</c>).</summary>
    public string Export(nn.Module module, string input, string name)
    {
        using var _ = Scope(name);
        return Export(module, input);
    }

    /// <summary>
    /// Exports one layer of a generated network under <c>model.&lt;index&gt;</c>; an unexportable module anywhere in it
    /// becomes an error naming the layer and its YAML module.
    /// </summary>
    public IReadOnlyList<string> Layer(int index, string yamlModule, nn.Module module, IReadOnlyList<string> inputs)
    {
        using var _ = Scope("model." + index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            return Export(module, inputs);
        }
        catch (OnnxExportException e) when (!e.Message.StartsWith("layer ", StringComparison.Ordinal))
        {
            throw new OnnxExportException($"layer {index} ({yamlModule}): {e.Message}", e);
        }
    }

    /// <summary>The weight and bias of a convolution with a following batch norm folded in (w·γ/√(σ²+ε), β − μ·γ/√(σ²+ε)).</summary>
    public static (Tensor Weight, Tensor? Bias) Fold(Conv2d conv, BatchNorm2d? bn)
    {
        using var noGrad = no_grad();
        if (bn is null) return (conv.weight!.detach(), conv.bias?.detach());
        var scale = bn.weight! / (bn.running_var! + bn.eps).sqrt();
        var weight = conv.weight! * scale.view(-1, 1, 1, 1);
        var shift = bn.bias! - bn.running_mean! * scale;
        if (conv.bias is not null) shift = shift + conv.bias * scale;
        return (weight, shift);
    }

    /// <summary>A convolution followed by an optional batch norm, written as one folded Conv node.</summary>
    public string FoldedConv(string x, Conv2d conv, BatchNorm2d? bn)
    {
        using var scope = NewDisposeScope();
        var (weight, bias) = Fold(conv, bn);
        return Conv(x, conv, weight, bias);
    }

    /// <summary>Export functions of the TorchSharp modules the runtime's blocks use, one per type.</summary>
    private static class TorchModules
    {
        public static IReadOnlyList<string>? TryExport(OnnxGraph g, nn.Module module, IReadOnlyList<string> inputs)
        {
            return module switch
            {
                Sequential s => [Chain(g, s, One(inputs, module))],
                Conv2d c => [g.FoldedConv(One(inputs, module), c, null)],
                BatchNorm2d bn => [BatchNorm(g, One(inputs, module), bn)],
                SiLU => [g.Silu(One(inputs, module))],
                ReLU => [g.Relu(One(inputs, module))],
                TorchSharp.Modules.Sigmoid => [g.Sigmoid(One(inputs, module))],
                TorchSharp.Modules.Identity => [One(inputs, module)],
                MaxPool2d p => [g.MaxPool(One(inputs, module), p.kernel_size, p.stride ?? p.kernel_size, p.padding ?? [0, 0], p.dilation ?? [1, 1], p.ceil_mode)],
                AdaptiveAvgPool2d p => [AdaptiveAverage(g, One(inputs, module), p)],
                Linear l => [Linear(g, One(inputs, module), l)],
                _ => null,
            };
        }

        private static string One(IReadOnlyList<string> inputs, nn.Module module) => Single(inputs, module);

        /// <summary>The children in order, each under its name; a Conv2d directly followed by a BatchNorm2d is folded.</summary>
        private static string Chain(OnnxGraph g, Sequential sequential, string x)
        {
            var children = sequential.named_children().ToList();
            for (int i = 0; i < children.Count; i++)
            {
                var (name, child) = children[i];
                using var _ = g.Scope(name);
                if (child is Conv2d conv && i + 1 < children.Count && children[i + 1].module is BatchNorm2d bn)
                {
                    x = g.FoldedConv(x, conv, bn);
                    i++;
                    continue;
                }
                x = g.Export(child, x);
            }
            return x;
        }

        private static string BatchNorm(OnnxGraph g, string x, BatchNorm2d bn) =>
            g.Node("BatchNormalization",
                [x, g.Initializer(bn.weight!, "weight"), g.Initializer(bn.bias!, "bias"), g.Initializer(bn.running_mean!, "running_mean"), g.Initializer(bn.running_var!, "running_var")],
                OnnxAttribute.Float("epsilon", (float)bn.eps));

        private static string AdaptiveAverage(OnnxGraph g, string x, AdaptiveAvgPool2d pool)
        {
            // Only the global form (output 1×1) has a fixed ONNX equivalent; the blocks here use no other.
            var size = pool.output_size;
            if (size.Any(s => s != 1))
                throw new OnnxExportException($"AdaptiveAvgPool2d to {string.Join("x", size)} is not exportable (only to 1x1)");
            return g.GlobalAveragePool(x);
        }

        /// <summary>x · Wᵀ (+ b) over the last dimension.</summary>
        private static string Linear(OnnxGraph g, string x, Linear linear)
        {
            using var scope = NewDisposeScope();
            var y = g.MatMul(x, g.Initializer(linear.weight!.detach().t(), "weight"));
            return linear.bias is null ? y : g.Add(y, g.Initializer(linear.bias, "bias"));
        }
    }
}
