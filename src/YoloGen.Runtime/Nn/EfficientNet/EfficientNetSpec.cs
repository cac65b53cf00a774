// Pure description of the EfficientNet V1/V2 backbones: no TorchSharp, netstandard2.0-compatible C#.
// The source generator compiles this same file (linked) to know a backbone's output channels at build time;
// the runtime builds its modules from it, so both sides always agree.
using System;
using System.Collections.Generic;
using System.Globalization;

namespace YoloGen.Nn
{
    /// <summary>
    /// Architecture of one EfficientNet backbone as torchvision 0.14.1 defines it, scaled by optional extra
    /// multipliers: channels <c>MakeDivisible(c · widthCoefficient · widthMultiple, 8)</c>, repeats
    /// <c>ceil(n · depthCoefficient · depthMultiple)</c> (V2 tables have coefficients 1.0). With both multiples at
    /// 1.0 the description equals torchvision's <c>efficientnet_*</c> <c>.features</c>.
    /// </summary>
    internal sealed class EfficientNetSpec
    {
        /// <summary>One stage (one <c>.features</c> index holding <see cref="Repeats"/> blocks).</summary>
        internal sealed class StageSpec
        {
            public StageSpec(bool fused, int expandRatio, int kernel, int stride, int inChannels, int outChannels, int repeats)
            {
                Fused = fused;
                ExpandRatio = expandRatio;
                Kernel = kernel;
                Stride = stride;
                InChannels = inChannels;
                OutChannels = outChannels;
                Repeats = repeats;
            }

            /// <summary>FusedMBConv (k×k conv instead of 1×1 expand + depthwise, no squeeze-excitation).</summary>
            public bool Fused { get; }
            public int ExpandRatio { get; }
            public int Kernel { get; }
            /// <summary>Stride of the stage's first block; later blocks have stride 1.</summary>
            public int Stride { get; }
            /// <summary>Input channels of the first block; later blocks take <see cref="OutChannels"/>.</summary>
            public int InChannels { get; }
            public int OutChannels { get; }
            public int Repeats { get; }
        }

        /// <summary>Base row of a stage table: (fused, expand, kernel, stride, in, out, repeats), before scaling.</summary>
        private struct Row
        {
            public bool Fused;
            public int Expand, Kernel, Stride, In, Out, Repeats;

            public Row(bool fused, int expand, int kernel, int stride, int @in, int @out, int repeats)
            {
                Fused = fused; Expand = expand; Kernel = kernel; Stride = stride; In = @in; Out = @out; Repeats = repeats;
            }
        }

        /// <summary>Maximum probability of the stochastic-depth schedule p = 0.2 · j / J.</summary>
        public const double StochasticDepthProbability = 0.2;

        /// <summary>Strides of the five outputs P1…P5.</summary>
        public static readonly IReadOnlyList<int> OutputStrides = new[] { 2, 4, 8, 16, 32 };

        /// <summary>Canonical variant names, V1 then V2.</summary>
        public static readonly IReadOnlyList<string> V1Variants = new[]
        {
            "efficientnet_b0", "efficientnet_b1", "efficientnet_b2", "efficientnet_b3",
            "efficientnet_b4", "efficientnet_b5", "efficientnet_b6", "efficientnet_b7",
        };

        public static readonly IReadOnlyList<string> V2Variants = new[] { "efficientnet_v2_s", "efficientnet_v2_m", "efficientnet_v2_l" };

        // EfficientNet paper, Table 1 (B0 baseline); scaled by each variant's coefficients.
        private static readonly Row[] V1Table =
        {
            new Row(false, 1, 3, 1, 32, 16, 1),
            new Row(false, 6, 3, 2, 16, 24, 2),
            new Row(false, 6, 5, 2, 24, 40, 2),
            new Row(false, 6, 3, 2, 40, 80, 3),
            new Row(false, 6, 5, 1, 80, 112, 3),
            new Row(false, 6, 5, 2, 112, 192, 4),
            new Row(false, 6, 3, 1, 192, 320, 1),
        };

        // EfficientNetV2 paper, Table 4 (S); M and L as in torchvision (from the official implementation).
        private static readonly Row[] V2STable =
        {
            new Row(true, 1, 3, 1, 24, 24, 2),
            new Row(true, 4, 3, 2, 24, 48, 4),
            new Row(true, 4, 3, 2, 48, 64, 4),
            new Row(false, 4, 3, 2, 64, 128, 6),
            new Row(false, 6, 3, 1, 128, 160, 9),
            new Row(false, 6, 3, 2, 160, 256, 15),
        };

        private static readonly Row[] V2MTable =
        {
            new Row(true, 1, 3, 1, 24, 24, 3),
            new Row(true, 4, 3, 2, 24, 48, 5),
            new Row(true, 4, 3, 2, 48, 80, 5),
            new Row(false, 4, 3, 2, 80, 160, 7),
            new Row(false, 6, 3, 1, 160, 176, 14),
            new Row(false, 6, 3, 2, 176, 304, 18),
            new Row(false, 6, 3, 1, 304, 512, 5),
        };

        private static readonly Row[] V2LTable =
        {
            new Row(true, 1, 3, 1, 32, 32, 4),
            new Row(true, 4, 3, 2, 32, 64, 7),
            new Row(true, 4, 3, 2, 64, 96, 7),
            new Row(false, 4, 3, 2, 96, 192, 10),
            new Row(false, 6, 3, 1, 192, 224, 19),
            new Row(false, 6, 3, 2, 224, 384, 25),
            new Row(false, 6, 3, 1, 384, 640, 7),
        };

        /// <summary>Head conv width of V2 before the extra width multiple (torchvision's <c>last_channel</c>).</summary>
        private const int V2HeadChannels = 1280;

        private EfficientNetSpec(string variant, bool isV2, double widthCoefficient, double depthCoefficient, int resolution,
            double bnEps, double bnMomentum, double widthMultiple, double depthMultiple)
        {
            Variant = variant;
            IsV2 = isV2;
            WidthCoefficient = widthCoefficient;
            DepthCoefficient = depthCoefficient;
            Resolution = resolution;
            BatchNormEps = bnEps;
            BatchNormMomentum = bnMomentum;
            WidthMultiple = widthMultiple;
            DepthMultiple = depthMultiple;

            Row[] table = !isV2 ? V1Table : variant == "efficientnet_v2_s" ? V2STable : variant == "efficientnet_v2_m" ? V2MTable : V2LTable;
            double width = widthCoefficient * widthMultiple;
            double depth = depthCoefficient * depthMultiple;
            var stages = new List<StageSpec>(table.Length);
            int blocks = 0;
            foreach (Row r in table)
            {
                int repeats = (int)Math.Ceiling(r.Repeats * depth);
                stages.Add(new StageSpec(r.Fused, r.Expand, r.Kernel, r.Stride,
                    MakeDivisible(r.In * width, 8), MakeDivisible(r.Out * width, 8), repeats));
                blocks += repeats;
            }
            Stages = stages;
            Blocks = blocks;
            StemChannels = stages[0].InChannels;
            int last = stages[stages.Count - 1].OutChannels;
            HeadChannels = isV2 ? MakeDivisible(V2HeadChannels * widthMultiple, 8) : 4 * last;

            // .features: 0 stem (stride 2), 1..S stages, S+1 head conv (stride 1). Output Pk = last index at stride 2^k.
            int featureCount = stages.Count + 2;
            var featureStrides = new int[featureCount];
            var featureChannels = new int[featureCount];
            featureStrides[0] = 2;
            featureChannels[0] = StemChannels;
            for (int i = 0; i < stages.Count; i++)
            {
                featureStrides[i + 1] = featureStrides[i] * stages[i].Stride;
                featureChannels[i + 1] = stages[i].OutChannels;
            }
            featureStrides[featureCount - 1] = featureStrides[featureCount - 2];
            featureChannels[featureCount - 1] = HeadChannels;
            FeatureStrides = featureStrides;
            FeatureChannels = featureChannels;

            var outIdx = new int[OutputStrides.Count];
            var outCh = new int[OutputStrides.Count];
            for (int k = 0; k < OutputStrides.Count; k++)
            {
                int found = -1;
                for (int i = 0; i < featureCount; i++)
                    if (featureStrides[i] == OutputStrides[k]) found = i;
                if (found < 0)
                    throw new InvalidOperationException($"{variant}: no feature map at stride {OutputStrides[k]}.");
                outIdx[k] = found;
                outCh[k] = featureChannels[found];
            }
            OutputFeatureIndices = outIdx;
            OutputChannels = outCh;
        }

        /// <summary>Canonical name (<c>efficientnet_b0</c> … <c>efficientnet_v2_l</c>).</summary>
        public string Variant { get; }
        public bool IsV2 { get; }
        /// <summary>The variant's own width coefficient (B-series compound scaling; 1.0 for V2).</summary>
        public double WidthCoefficient { get; }
        /// <summary>The variant's own depth coefficient (B-series compound scaling; 1.0 for V2).</summary>
        public double DepthCoefficient { get; }
        /// <summary>Input resolution the paper trains/evaluates the variant at (informational).</summary>
        public int Resolution { get; }
        public double BatchNormEps { get; }
        /// <summary>BatchNorm momentum in PyTorch's convention (weight of the new batch statistic).</summary>
        public double BatchNormMomentum { get; }
        /// <summary>Extra width multiplier on top of <see cref="WidthCoefficient"/> (YAML argument 2).</summary>
        public double WidthMultiple { get; }
        /// <summary>Extra depth multiplier on top of <see cref="DepthCoefficient"/> (YAML argument 3).</summary>
        public double DepthMultiple { get; }

        public int StemChannels { get; }
        public IReadOnlyList<StageSpec> Stages { get; }
        /// <summary>1×1 head conv output channels: 4 × last stage channels (V1) or MakeDivisible(1280 · widthMultiple, 8) (V2).</summary>
        public int HeadChannels { get; }
        /// <summary>Total number of blocks over all stages (J of the stochastic-depth schedule).</summary>
        public int Blocks { get; }

        /// <summary>Output stride of every <c>.features</c> index (stem, stages, head conv).</summary>
        public IReadOnlyList<int> FeatureStrides { get; }
        /// <summary>Output channels of every <c>.features</c> index.</summary>
        public IReadOnlyList<int> FeatureChannels { get; }
        /// <summary>The <c>.features</c> index returned as P1…P5: the last index at strides 2, 4, 8, 16, 32.</summary>
        public IReadOnlyList<int> OutputFeatureIndices { get; }
        /// <summary>Channels of P1…P5 (P5 is the head conv).</summary>
        public IReadOnlyList<int> OutputChannels { get; }

        /// <summary>
        /// torchvision's <c>_make_divisible</c>: nearest multiple of <paramref name="divisor"/> (halves up), at least
        /// <paramref name="divisor"/>, raised by one divisor when rounding lost more than 10 %.
        /// </summary>
        public static int MakeDivisible(double v, int divisor)
        {
            int rounded = (int)Math.Floor(v + divisor / 2.0) / divisor * divisor;
            int newV = Math.Max(divisor, rounded);
            if (newV < 0.9 * v) newV += divisor;
            return newV;
        }

        /// <summary>
        /// Canonical name for a spelling such as <c>efficientnet-b0</c>, <c>EfficientNet_B0</c>, <c>efficientnet-v2-s</c>,
        /// or null when it names no supported variant.
        /// </summary>
        public static string? Normalize(string? variant)
        {
            if (variant == null) return null;
            string name = variant.Trim().ToLowerInvariant().Replace('-', '_');
            foreach (string v in V1Variants) if (v == name) return v;
            foreach (string v in V2Variants) if (v == name) return v;
            return null;
        }

        /// <summary>
        /// Builds the description, or returns false with a one-line reason (unknown variant, wrong family, multiple
        /// not a positive finite number). <paramref name="v2"/>: null accepts either family.
        /// </summary>
        public static bool TryCreate(string? variant, double widthMultiple, double depthMultiple, bool? v2,
            out EfficientNetSpec? spec, out string? error)
        {
            spec = null;
            string? name = Normalize(variant);
            bool isV2 = name != null && name.StartsWith("efficientnet_v2_", StringComparison.Ordinal);
            if (name == null || (v2.HasValue && v2.Value != isV2))
            {
                IReadOnlyList<string> allowed = v2 == true ? V2Variants : v2 == false ? V1Variants : Concat(V1Variants, V2Variants);
                error = string.Format(CultureInfo.InvariantCulture, "unknown EfficientNet{0} variant '{1}'; expected one of: {2} ('-' and '_' are interchangeable)",
                    v2 == true ? " V2" : v2 == false ? " V1" : "", variant, string.Join(", ", allowed));
                return false;
            }
            if (!IsPositiveFinite(widthMultiple) || !IsPositiveFinite(depthMultiple))
            {
                error = string.Format(CultureInfo.InvariantCulture, "EfficientNet width and depth multiples must be positive numbers (got {0} and {1})",
                    widthMultiple, depthMultiple);
                return false;
            }

            switch (name)
            {
                // (width, depth) coefficients and resolution: EfficientNet paper; BN as in torchvision's builders.
                case "efficientnet_b0": spec = V1(name, 1.0, 1.0, 224, 1e-5, 0.1, widthMultiple, depthMultiple); break;
                case "efficientnet_b1": spec = V1(name, 1.0, 1.1, 240, 1e-5, 0.1, widthMultiple, depthMultiple); break;
                case "efficientnet_b2": spec = V1(name, 1.1, 1.2, 260, 1e-5, 0.1, widthMultiple, depthMultiple); break;
                case "efficientnet_b3": spec = V1(name, 1.2, 1.4, 300, 1e-5, 0.1, widthMultiple, depthMultiple); break;
                case "efficientnet_b4": spec = V1(name, 1.4, 1.8, 380, 1e-5, 0.1, widthMultiple, depthMultiple); break;
                case "efficientnet_b5": spec = V1(name, 1.6, 2.2, 456, 1e-3, 0.01, widthMultiple, depthMultiple); break;
                case "efficientnet_b6": spec = V1(name, 1.8, 2.6, 528, 1e-3, 0.01, widthMultiple, depthMultiple); break;
                case "efficientnet_b7": spec = V1(name, 2.0, 3.1, 600, 1e-3, 0.01, widthMultiple, depthMultiple); break;
                // V2: fixed tables; resolution = the paper's evaluation size.
                case "efficientnet_v2_s": spec = new EfficientNetSpec(name, true, 1.0, 1.0, 384, 1e-3, 0.1, widthMultiple, depthMultiple); break;
                case "efficientnet_v2_m": spec = new EfficientNetSpec(name, true, 1.0, 1.0, 480, 1e-3, 0.1, widthMultiple, depthMultiple); break;
                default: spec = new EfficientNetSpec(name, true, 1.0, 1.0, 480, 1e-3, 0.1, widthMultiple, depthMultiple); break;
            }
            error = null;
            return true;
        }

        /// <summary>Like <see cref="TryCreate"/>, throwing <see cref="ArgumentException"/> with the reason.</summary>
        public static EfficientNetSpec Create(string variant, double widthMultiple = 1.0, double depthMultiple = 1.0, bool? v2 = null)
        {
            if (!TryCreate(variant, widthMultiple, depthMultiple, v2, out EfficientNetSpec? spec, out string? error))
                throw new ArgumentException(error, nameof(variant));
            return spec!;
        }

        /// <summary>Stochastic-depth probability of block <paramref name="blockIndex"/> (0-based over all stages).</summary>
        public double StochasticDepthAt(int blockIndex) => StochasticDepthProbability * blockIndex / Blocks;

        private static EfficientNetSpec V1(string name, double w, double d, int resolution, double eps, double momentum,
            double widthMultiple, double depthMultiple) =>
            new EfficientNetSpec(name, false, w, d, resolution, eps, momentum, widthMultiple, depthMultiple);

        private static bool IsPositiveFinite(double x) => x > 0 && !double.IsInfinity(x) && !double.IsNaN(x);

        private static IReadOnlyList<string> Concat(IReadOnlyList<string> a, IReadOnlyList<string> b)
        {
            var all = new List<string>(a);
            all.AddRange(b);
            return all;
        }
    }
}
