namespace YoloGen.Testing;

/// <summary>
/// A snapshot test failed: generated text differs from its verified file, has none, a verified file is stale, or the
/// networks to test were not found. The message says which files and what to do.
/// </summary>
public sealed class SnapshotMismatchException(string message) : Exception(message);
