using HelpDesk.Intake.Domain;

namespace HelpDesk.Intake.Tests;

/// <summary>The first line of an approval reply decides, in English, French or Italian; anything less certain does not.</summary>
public sealed class ApprovalReplyReadingTests
{
    [Theory]
    [InlineData("Approve", true, null)]
    [InlineData("approved.", true, null)]
    [InlineData("**Approved**", true, null)]
    [InlineData("\n\n  APPROVE - fine by me", true, "fine by me")]
    [InlineData("Reject: no budget this quarter", false, "no budget this quarter")]
    [InlineData("Declined", false, null)]
    [InlineData("Approuvé : accès en lecture seule", true, "accès en lecture seule")]
    [InlineData("J'approuve", true, null)]
    [InlineData("J’approuve, merci", true, "merci")]
    [InlineData("Je refuse", false, null)]
    [InlineData("Refusé — pas de budget", false, "pas de budget")]
    [InlineData("Rejeter", false, null)]
    [InlineData("Approvato", true, null)]
    [InlineData("Approvo, grazie", true, "grazie")]
    [InlineData("Rifiuto: non necessario", false, "non necessario")]
    [InlineData("Respinto", false, null)]
    public void A_decision_word_on_the_first_line_decides(string body, bool approve, string? comment)
    {
        var read = ApprovalReplyReading.Read(body);
        Assert.NotNull(read);
        Assert.Equal((approve, comment), (read.Value.Approve, read.Value.Comment));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n  ")]
    [InlineData("Approve?")]
    [InlineData("Approve? What is it for?")]
    [InlineData("Yes")]
    [InlineData("No problem, approve it")]
    [InlineData("I approve")]
    [InlineData("Approvals are handled by Bob")]
    [InlineData("Je pense que oui")]
    [InlineData("> Approve\nOn Monday, desk wrote:")]
    public void Anything_else_is_not_a_decision(string body) => Assert.Null(ApprovalReplyReading.Read(body));

    [Fact]
    public void The_comment_runs_to_the_quoted_original_and_is_bounded()
    {
        var read = ApprovalReplyReading.Read("Approve\nfor one year only\nthanks\n\nOn Mon, 30 Nov 2026, desk@helpdesk.test wrote:\n> Approve: https://…");
        Assert.Equal("for one year only\nthanks", read!.Value.Comment);
        Assert.Equal("read-only", ApprovalReplyReading.Read("Approvato\nread-only\n\nIl giorno lun 30 nov 2026, desk ha scritto:\n> testo")!.Value.Comment);
        Assert.Equal("lecture", ApprovalReplyReading.Read("Approuvé\nlecture\n-- \nGrace")!.Value.Comment);
        Assert.Equal(ApprovalReplyReading.CommentMaxLength, ApprovalReplyReading.Read("Reject " + new string('x', 5000))!.Value.Comment!.Length);
    }
}
