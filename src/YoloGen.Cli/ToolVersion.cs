using System.Reflection;

namespace YoloGen.Cli;

/// <summary>The version <c>yologen --version</c> reports.</summary>
public static class ToolVersion
{
    /// <summary>The Ultralytics release whose networks, parameter names and outputs the compiled-in models follow.</summary>
    public const string Ultralytics = "8.4.50; 8.3.0 with --reference 8.3";

    /// <summary>The package version (without the source revision the build appends).</summary>
    public static string Package { get; } =
        (typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    public static string Text => $"yologen {Package} (networks follow Ultralytics {Ultralytics})";
}
