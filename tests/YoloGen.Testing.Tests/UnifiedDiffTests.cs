using YoloGen.Testing;

namespace YoloGen.Testing.Tests;

/// <summary>The diff's format against what GNU <c>diff -u</c> prints for the same inputs (headers aside).</summary>
public sealed class UnifiedDiffTests
{
    private const string Letters = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\no\n";

    [Fact]
    public void Equal_texts_have_no_diff_whatever_their_line_endings() =>
        Assert.Equal("", UnifiedDiff.Create("a\nb\n", "a\r\nb\r\n", "x", "y"));

    [Fact]
    public void Changes_far_apart_are_two_hunks_with_three_lines_of_context()
    {
        var diff = UnifiedDiff.Create(Letters, Letters.Replace("c\n", "C\n").Replace("m\n", "M\n"), "A.verified.cs", "A.received.cs");
        Assert.Equal("""
            --- A.verified.cs
            +++ A.received.cs
            @@ -1,6 +1,6 @@
             a
             b
            -c
            +C
             d
             e
             f
            @@ -10,6 +10,6 @@
             j
             k
             l
            -m
            +M
             n
             o

            """.Replace("\r\n", "\n"), diff);
    }

    [Fact]
    public void Changes_at_most_six_lines_apart_share_one_hunk()
    {
        var diff = UnifiedDiff.Create(Letters, Letters.Replace("c\n", "C\n").Replace("i\n", "I\n"), "a", "b");
        Assert.StartsWith("--- a\n+++ b\n@@ -1,12 +1,12 @@\n a\n b\n-c\n+C\n d\n", diff);
        Assert.EndsWith("-i\n+I\n j\n k\n l\n", diff);
        Assert.Single(diff.Split('\n'), line => line.StartsWith("@@", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("a\nb\n", "x\na\nb\n", "@@ -1,2 +1,3 @@\n+x\n a\n b\n")]
    [InlineData("a\nb\nc\n", "a\nb\n", "@@ -1,3 +1,2 @@\n a\n b\n-c\n")]
    [InlineData("", "x\n", "@@ -0,0 +1 @@\n+x\n")]
    [InlineData("x\n", "", "@@ -1 +0,0 @@\n-x\n")]
    public void Insertions_and_deletions_count_lines_as_diff_does(string before, string after, string hunks) =>
        Assert.Equal("--- a\n+++ b\n" + hunks, UnifiedDiff.Create(before, after, "a", "b"));

    [Fact]
    public void A_long_diff_is_cut_with_a_note()
    {
        var before = string.Concat(Enumerable.Range(0, 500).Select(i => $"line {i}\n"));
        var after = string.Concat(Enumerable.Range(0, 500).Select(i => $"changed {i}\n"));
        var diff = UnifiedDiff.Create(before, after, "a", "b", maxLines: 50);
        Assert.Equal(50, diff.Split('\n').Count(l => l.StartsWith('-') && !l.StartsWith("---", StringComparison.Ordinal) || l.StartsWith('+') && !l.StartsWith("+++", StringComparison.Ordinal)));
        Assert.EndsWith("… (the diff goes on; compare the files)\n", diff);
    }

    [Fact]
    public void Rewrites_too_large_for_the_table_still_diff_as_a_replacement()
    {
        var before = "head\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"old {i}\n")) + "tail\n";
        var after = "head\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"new {i}\n")) + "tail\n";
        var diff = UnifiedDiff.Create(before, after, "a", "b", maxLines: int.MaxValue);
        Assert.StartsWith("--- a\n+++ b\n@@ -1,5002 +1,5002 @@\n head\n-old 0\n", diff);
        Assert.Contains("\n-old 4999\n+new 0\n", diff);
        Assert.EndsWith("+new 4999\n tail\n", diff);
    }
}
