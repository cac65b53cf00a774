namespace YoloGen.Testing.Tests;

/// <summary>A fresh folder under the system temp folder, deleted with its contents on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("yologen-snapshots-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string[] Names() => Directory.GetFiles(Path).Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
