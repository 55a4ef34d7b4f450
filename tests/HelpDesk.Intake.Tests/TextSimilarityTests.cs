namespace HelpDesk.Intake.Tests;

/// <summary>Storm detection compares fingerprints (sorted word hashes); they must give exactly the signatures' Jaccard index.</summary>
public sealed class TextSimilarityTests
{
    public static TheoryData<string, string, string, string> Pairs => new()
    {
        { "Disk full on web-17", "Filesystem /var on web-17 is 92% full.", "Disk full on db-03", "Filesystem /var on db-03 is 97% full." },
        { "Laptop cannot reach the VPN", "since the update this morning", "VPN down", "nobody in the office can reach the VPN" },
        { "new starter", "hello please fill date", "access for review contract setup", "hi please assign thank engineer" },
        { "Printer jams", "The printer by the lifts jams on every second page", "printer JAMS", "the Printer by the lifts jams on every second page!" },
        { "", "", "", "" },
        { "one", "", "", "" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Fingerprints_give_the_signatures_similarity(string subjectA, string descriptionA, string subjectB, string descriptionB)
    {
        var bySignature = TextSimilarity.Similarity(TextSimilarity.Signature(subjectA, descriptionA), TextSimilarity.Signature(subjectB, descriptionB));
        var byFingerprint = TextSimilarity.Similarity(TextSimilarity.Fingerprint(subjectA, descriptionA), TextSimilarity.Fingerprint(subjectB, descriptionB));
        Assert.Equal(bySignature, byFingerprint, 12);
    }

    [Fact]
    public void Alerts_differing_only_in_hosts_and_figures_are_identical_and_unrelated_tickets_are_not()
    {
        var a = TextSimilarity.Fingerprint("Disk full on web-17 (92%)", "");
        var b = TextSimilarity.Fingerprint("Disk full on db-03 (97%)", "");
        var c = TextSimilarity.Fingerprint("Keyboard missing keys", "");
        Assert.Equal(1.0, TextSimilarity.Similarity(a, b));
        Assert.Equal(0.0, TextSimilarity.Similarity(a, c));
    }

    [Theory]
    [InlineData(10, 10, 0.6, true)]
    [InlineData(6, 10, 0.6, true)]
    [InlineData(5, 10, 0.6, false)]
    [InlineData(0, 0, 0.6, true)]
    [InlineData(0, 3, 0.6, false)]
    public void Sizes_alone_rule_out_what_cannot_reach_the_threshold(int sizeA, int sizeB, double threshold, bool possible) =>
        Assert.Equal(possible, TextSimilarity.CanReach(sizeA, sizeB, threshold));
}
