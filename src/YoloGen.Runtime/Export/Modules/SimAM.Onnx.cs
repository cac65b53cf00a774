using YoloGen.Export;

namespace YoloGen.Nn;

/// <summary>ONNX: d = (x − mean)², v = Σd / (H·W − 1) with H·W read from the input's shape, x · sigmoid(d / (4(v + λ)) + 0.5).</summary>
public sealed partial class SimAM : IOnnxExportable
{
    public IReadOnlyList<string> ExportOnnx(OnnxGraph graph, IReadOnlyList<string> inputs)
    {
        string x = OnnxGraph.Single(inputs, this);
        string deviation = graph.Sub(x, graph.ReduceMean(x, [2, 3], keepDims: true));
        string d = graph.Mul(deviation, deviation);
        string shape = graph.Shape(x);
        string n = graph.CastFloat(graph.Sub(graph.Mul(graph.Gather(shape, 2), graph.Gather(shape, 3)), graph.Int64Scalar(1)));
        string v = graph.Div(graph.ReduceSum(d, [2, 3], keepDims: true), n);
        string denominator = graph.Mul(graph.FloatScalar(4f), graph.Add(v, graph.FloatScalar((float)lambda)));
        string e = graph.Add(graph.Div(d, denominator), graph.FloatScalar(0.5f));
        return [graph.Mul(x, graph.Sigmoid(e))];
    }
}
