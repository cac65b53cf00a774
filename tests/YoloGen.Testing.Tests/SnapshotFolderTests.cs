using System.Text;
using YoloGen.Testing;

namespace YoloGen.Testing.Tests;

/// <summary>The workflow in a folder: match, changed, new, stale, accept; what is written and what the failure says.</summary>
public sealed class SnapshotFolderTests : IDisposable
{
    private const string NetV1 = "// net\npublic Conv L0 { get; }  // [-1, 1, Conv, [16, 3, 2]]\npublic Conv L1 { get; }  // [-1, 1, Conv, [32, 3, 2]]\n";
    private const string NetV2 = "// net\npublic Conv L0 { get; }  // [-1, 1, Conv, [16, 3, 2]]\npublic Conv L1 { get; }  // [-1, 1, Conv, [48, 3, 2]]\n";
    private readonly TempFolder _folder = new();

    [Fact]
    public void Matching_sources_pass_and_a_leftover_received_file_is_removed()
    {
        Write("Net.verified.cs", NetV1);
        Write("Net.received.cs", NetV2);
        SnapshotFolder.Verify(_folder.Path, [new GeneratedSource("Net", NetV1)], accept: false);
        Assert.Equal(["Net.verified.cs"], _folder.Names());
    }

    [Fact]
    public void A_changed_source_fails_with_a_unified_diff_and_writes_the_received_file()
    {
        Write("Net.verified.cs", NetV1);
        var error = Assert.Throws<SnapshotMismatchException>(() =>
            SnapshotFolder.Verify(_folder.Path, [new GeneratedSource("Net", NetV2)], accept: false));

        Assert.Equal(NetV2, File.ReadAllText(_folder.File("Net.received.cs")));
        Assert.Equal(NetV1, File.ReadAllText(_folder.File("Net.verified.cs")));
        Assert.Contains("1 changed, 0 new, 0 stale (0 of 1 match)", error.Message);
        Assert.Contains($"Net changed: the new text is in {_folder.File("Net.received.cs")}\n", error.Message);
        Assert.Contains("""
            --- Net.verified.cs
            +++ Net.received.cs
            @@ -1,3 +1,3 @@
             // net
             public Conv L0 { get; }  // [-1, 1, Conv, [16, 3, 2]]
            -public Conv L1 { get; }  // [-1, 1, Conv, [32, 3, 2]]
            +public Conv L1 { get; }  // [-1, 1, Conv, [48, 3, 2]]

            """.Replace("\r\n", "\n"), error.Message);
        Assert.Contains("YOLOGEN_ACCEPT_SNAPSHOTS=1 dotnet test", error.Message);
    }

    [Fact]
    public void A_new_source_fails_and_its_text_is_received()
    {
        Write("Net.verified.cs", NetV1);
        var error = Assert.Throws<SnapshotMismatchException>(() =>
            SnapshotFolder.Verify(_folder.Path, [new GeneratedSource("Net", NetV1), new GeneratedSource("Other", NetV2)], accept: false));
        Assert.Contains("0 changed, 1 new, 0 stale (1 of 2 match)", error.Message);
        Assert.Contains($"Other is new: no Other.verified.cs yet; its text is in {_folder.File("Other.received.cs")}", error.Message);
        Assert.Equal(NetV2, File.ReadAllText(_folder.File("Other.received.cs")));
    }

    [Fact]
    public void A_verified_file_whose_source_is_gone_is_stale_when_the_folder_is_complete()
    {
        Write("Net.verified.cs", NetV1);
        Write("Gone.verified.cs", NetV2);
        Write("Gone.received.cs", NetV2);
        var error = Assert.Throws<SnapshotMismatchException>(() =>
            SnapshotFolder.Verify(_folder.Path, [new GeneratedSource("Net", NetV1)], complete: true, accept: false));
        Assert.Contains($"Gone is no longer generated: {_folder.File("Gone.verified.cs")} is stale", error.Message);
        Assert.Equal(["Gone.verified.cs", "Net.verified.cs"], _folder.Names()); // a received file of a gone source is dropped

        SnapshotFolder.Verify(_folder.Path, [new GeneratedSource("Net", NetV1)], complete: false, accept: false);
    }

    [Fact]
    public void Accepting_makes_the_folder_equal_the_sources_and_the_next_run_passes()
    {
        Write("Net.verified.cs", NetV1);
        Write("Gone.verified.cs", NetV1);
        GeneratedSource[] sources = [new("Net", NetV2), new("Other", NetV1)];
        Assert.Throws<SnapshotMismatchException>(() => SnapshotFolder.Verify(_folder.Path, sources, accept: false));
        Assert.Equal(["Gone.verified.cs", "Net.received.cs", "Net.verified.cs", "Other.received.cs"], _folder.Names());

        SnapshotFolder.Verify(_folder.Path, sources, accept: true);
        Assert.Equal(["Net.verified.cs", "Other.verified.cs"], _folder.Names());
        Assert.Equal(NetV2, File.ReadAllText(_folder.File("Net.verified.cs")));

        SnapshotFolder.Verify(_folder.Path, sources, accept: false);
    }

    [Fact]
    public void Snapshots_are_written_as_utf8_without_bom_with_lf_and_crlf_checkouts_still_match()
    {
        var text = "// ≥ 1 × Conv\r\nline\r\n";
        SnapshotFolder.Verify(_folder.Path, [new GeneratedSource("Net", text)], accept: true);
        Assert.Equal(Encoding.UTF8.GetBytes("// ≥ 1 × Conv\nline\n"), File.ReadAllBytes(_folder.File("Net.verified.cs")));

        File.WriteAllText(_folder.File("Net.verified.cs"), "// ≥ 1 × Conv\r\nline\r\n");
        SnapshotFolder.Verify(_folder.Path, [new GeneratedSource("Net", "// ≥ 1 × Conv\nline\n")], accept: false);
        Assert.Equal(["Net.verified.cs"], _folder.Names());
    }

    [Fact]
    public void The_same_name_with_two_different_texts_is_a_caller_error()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            SnapshotFolder.Verify(_folder.Path, [new GeneratedSource("Net", NetV1), new GeneratedSource("Net", NetV2)], accept: false));
        Assert.Contains("Net", error.Message);
    }

    private void Write(string name, string text) => File.WriteAllText(_folder.File(name), text);

    public void Dispose() => _folder.Dispose();
}
