namespace YoloGen.Generator.Model;

/// <summary>
/// The rules that hold for a whole model file, as the reference's <c>parse_model</c> derives them before (or while)
/// building its layers, computed once and printed in every generated header.
/// </summary>
/// <param name="Reference">The Ultralytics version the file is compiled for (the constructor's default rules).</param>
/// <param name="Activation">The <c>activation:</c> key as written (e.g. <c>nn.ReLU()</c>), the default of every Conv; null for SiLU.</param>
/// <param name="RegMax">DFL bins of the head (<c>reg_max</c>, 16 unless written).</param>
/// <param name="EndToEnd">The <c>end2end</c> key (null when absent, as the reference's None).</param>
/// <param name="Legacy">parse_model's <c>legacy</c>: true unless the file uses C3k2, A2C2f or C2fCIB (8.4 on: the old head).</param>
internal sealed record FileRules(string Reference, string RulesName, string? Activation, int RegMax, bool? EndToEnd, bool Legacy)
{
    public static FileRules Default { get; } = new(ReferenceVersion.Default84, "V8_4", null, 16, null, true);
}
