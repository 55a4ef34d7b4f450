using System.Globalization;
using HelpDesk.Contracts;
using HelpDesk.Intake.Infrastructure;
using HelpDesk.Routing.Domain;
using HelpDesk.ServiceDefaults;
using HelpDesk.Testing;
using HelpDesk.Testing.Infrastructure;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace HelpDesk.Catalogue.Tests;

/// <summary>
/// Approval by e-mail reply, end to end: Notifications mails the approvers through a real SMTP server (aiosmtpd), the
/// replies land in a real IMAP mailbox (Dovecot), Intake's poller reads them and Routing's engine decides — only for a
/// sender who holds the seat, once.
/// </summary>
public sealed class ApprovalByReplyTests(PostgresFixture postgres, RabbitMqFixture rabbit)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private const string ReplySecret = "approval-reply-test-secret-0123456789abcdef";

    [Theory]
    [MemberData(nameof(Stacks.Each), MemberType = typeof(Stacks))]
    public async Task Only_a_member_of_the_approving_group_decides_by_reply_and_only_once(Stack stack)
    {
        if (SmtpServerFixture.UnavailableReason is { } reason)
        {
            InfrastructureRequirement.SkipOrFail(reason);
        }
        await using var smtp = await SmtpServerFixture.StartAsync();
        await using var dovecot = await DovecotFixture.StartAsync();
        if (dovecot is null)
        {
            Assert.Skip(DovecotFixture.SkipReason);
        }
        await using var host = await CatalogueHost.StartAsync(stack, postgres, rabbit, new Dictionary<string, string?>
        {
            ["Routing:Approvals:Groups:owners:0"] = "grace@example.org",
            ["Routing:Approvals:Groups:owners:1"] = "heidi@example.org",
            [ReplyTokens.SecretKey] = ReplySecret,
            ["Intake:Email:Imap:Enabled"] = "false", // polled by hand below, so nothing races the test
            ["Intake:Email:Imap:Host"] = DovecotFixture.Host,
            ["Intake:Email:Imap:Port"] = dovecot.Port.ToString(CultureInfo.InvariantCulture),
            ["Intake:Email:Imap:Security"] = "None",
            ["Intake:Email:Imap:Username"] = DovecotFixture.User,
            ["Intake:Email:Imap:Password"] = DovecotFixture.Password,
            ["Intake:Email:Imap:OwnAddresses:0"] = "desk@helpdesk.test",
        }, smtp: smtp);
        var poller = ActivatorUtilities.CreateInstance<ImapPoller>(host.Host.Services);
        await host.PublishItemAsync("access", GroupItem());
        await host.WaitForFormAsync("access", 1);
        var id = (await host.SubmitOkAsync("access", new { system = "erp" })).GetProperty("id").GetGuid();

        // Both members of the group get the approval mail; its Message-ID carries the seat's reply token.
        var toGrace = await MailAsync(smtp, "grace@example.org");
        var toHeidi = await MailAsync(smtp, "heidi@example.org");
        Assert.StartsWith("approval-", toGrace.MessageId, StringComparison.Ordinal);
        Assert.Equal(ApprovalReplyIds.TokenIn([toGrace.MessageId!]), ApprovalReplyIds.TokenIn([toHeidi.MessageId!]));

        // Someone the mail was forwarded to cannot decide: refused, answered, nothing decided.
        await DeliverAsync(dovecot, Reply(toGrace, "mallory@example.org", "Approve\n\nOn Monday, desk wrote:\n> Your approval is requested"));
        Assert.Equal(1, await poller.PollOnceAsync(Cancel));
        var refused = await Eventually.GetAsync(async () => (await host.RoutingEventsAsync<ApprovalReplyRefused>(id)).SingleOrDefault(), what: "mallory refused");
        Assert.Equal(("mallory@example.org", "not-approver"), (refused.Sender, refused.Reason));
        var answer = await MailAsync(smtp, "mallory@example.org");
        Assert.Contains("was not recorded as a decision", answer.TextBody, StringComparison.Ordinal);

        // A forged token (right shape, wrong signature) decides nothing either.
        var forged = Reply(toGrace, "grace@example.org", "Approve");
        var forgedId = ApprovalReplyIds.MessageId(new string('a', 64), Guid.NewGuid(), "helpdesk.test");
        forged.InReplyTo = forgedId;
        forged.References.Clear();
        forged.References.Add(forgedId);
        await DeliverAsync(dovecot, forged);
        Assert.Equal(1, await poller.PollOnceAsync(Cancel));
        await Eventually.TrueAsync(() => ConsumedRepliesAsync(host, 2), what: "forged reply consumed");

        // A question from the approver is not a decision: it becomes a comment on the ticket (the ticket's reply token verifies her).
        await DeliverAsync(dovecot, Reply(toGrace, "grace@example.org", "Approve? Which ERP role does Ada need?"));
        Assert.Equal(1, await poller.PollOnceAsync(Cancel));
        await Eventually.TrueAsync(async () => await host.IntakeAsync(db => db.Comments.AnyAsync(c => c.TicketId == id && c.Author == "grace@example.org")), what: "question as a comment");

        // Grace approves in French with a comment; her mail client delivers it twice (same Message-ID).
        var approval = Reply(toGrace, "grace@example.org", "Approuvé : accès lecture seule\nmerci\n\nLe lundi, desk a écrit :\n> Votre approbation");
        await DeliverAsync(dovecot, approval, approval);
        Assert.Equal(2, await poller.PollOnceAsync(Cancel));
        var decided = await Eventually.GetAsync(async () => (await host.RoutingEventsAsync<TicketApprovalDecided>(id)).SingleOrDefault(), what: "approved by reply");
        Assert.Equal((true, "email", "grace@example.org"), (decided.Approved, decided.Via, decided.DecidedBy));
        var seat = await host.RoutingAsync(db => db.ApprovalVotes.AsNoTracking().SingleAsync(v => v.DecidedBy == "grace@example.org"));
        Assert.Equal((ApprovalVoteDecision.Approved, "accès lecture seule\nmerci"), (seat.Decision, seat.Reason));

        // Heidi, in the group too, rejects afterwards: the seat is decided, she is told so, nothing changes.
        await DeliverAsync(dovecot, Reply(toHeidi, "heidi@example.org", "Reject"));
        Assert.Equal(1, await poller.PollOnceAsync(Cancel));
        var late = await Eventually.GetAsync(async () => (await host.RoutingEventsAsync<ApprovalReplyRefused>(id)).SingleOrDefault(r => r.Sender == "heidi@example.org"), what: "heidi refused");
        Assert.Equal("already-decided", late.Reason);
        await Eventually.TrueAsync(() => ConsumedRepliesAsync(host, 4), what: "every reply consumed");

        // Counted: one decision, one decided seat, four replies handed over (the duplicate copy was not), two refusals answered.
        Assert.Single(await host.RoutingEventsAsync<TicketApprovalDecided>(id));
        Assert.Single(await host.RoutingAsync(db => db.ApprovalVotes.AsNoTracking().Where(v => v.Decision != null).ToListAsync()));
        Assert.Equal(4, (await host.IntakeEventsAsync<ApprovalReplyReceived>()).Count);
        var outcomes = await host.IntakeAsync(db => db.ProcessedEmails.AsNoTracking().Select(e => e.Outcome).ToListAsync());
        Assert.Equal(4, outcomes.Count(o => o == EmailOutcome.ApprovalReply));
        Assert.Equal(1, outcomes.Count(o => o == EmailOutcome.Comment));
        Assert.Equal(2, (await host.RoutingEventsAsync<ApprovalReplyRefused>(id)).Count);
        Assert.Single(await MailsAsync(smtp, "heidi@example.org", 2), m => (m.TextBody ?? "").Contains("already decided", StringComparison.Ordinal));
    }

    private static object GroupItem() => new
    {
        name = Items.Text("Access", "Accès", "Accesso"),
        description = Items.Text("Access to a system.", "Accès à un système.", "Accesso a un sistema."),
        form = new { fields = new object[] { new { key = "system", type = "Choice", label = Items.Text("System", "Système", "Sistema"), required = true,
            options = new[] { new { value = "erp", label = Items.Text("ERP", "ERP", "ERP") } } } } },
        approval = new { preApproved = false, stages = new[] { new { name = "owners", mode = "AnyOf", approvers = new[] { new { kind = "Group", id = "owners" } } } } },
        fulfilment = new { tasks = new[] { new { name = "grant", queue = "identity", step = 1, title = Items.Text("Grant", "Accorder", "Concedere") } } },
        fulfilmentQueue = "identity",
        kbArticles = Array.Empty<string>(),
        owner = "owner@example.org",
        keywords = Array.Empty<string>(),
    };

    /// <summary>A reply as mail clients write it: In-Reply-To the original, References the original's plus its id.</summary>
    private static MimeMessage Reply(MimeMessage original, string from, string text)
    {
        var reply = new MimeMessage();
        reply.From.Add(MailboxAddress.Parse(from));
        reply.To.Add(MailboxAddress.Parse("desk@helpdesk.test"));
        reply.Subject = "Re: " + original.Subject;
        reply.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("mail.example.org");
        reply.InReplyTo = original.MessageId!;
        foreach (var reference in original.References)
        {
            reply.References.Add(reference);
        }
        reply.References.Add(original.MessageId!);
        reply.Body = new TextPart("plain") { Text = text };
        return reply;
    }

    private static async Task<MimeMessage> MailAsync(SmtpServerFixture smtp, string address) => (await MailsAsync(smtp, address, 1))[0];

    private static Task<List<MimeMessage>> MailsAsync(SmtpServerFixture smtp, string address, int count) =>
        Eventually.GetAsync(() => Task.FromResult(CatalogueHost.MailsTo(smtp, address) is { } mails && mails.Count >= count ? mails : null), what: $"{count} mail(s) to {address}");

    private static Task<bool> ConsumedRepliesAsync(CatalogueHost host, int count) =>
        host.RoutingAsync(async db => await db.InboxMessages.AsNoTracking().CountAsync(m => m.Consumer == "DecideByEmailReply") == count);

    private static async Task DeliverAsync(DovecotFixture dovecot, params MimeMessage[] messages)
    {
        using var client = new ImapClient();
        await client.ConnectAsync(DovecotFixture.Host, dovecot.Port, SecureSocketOptions.None, Cancel);
        await client.AuthenticateAsync(DovecotFixture.User, DovecotFixture.Password, Cancel);
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite, Cancel);
        foreach (var message in messages)
        {
            await client.Inbox.AppendAsync(message, MessageFlags.None, Cancel);
        }
        await client.DisconnectAsync(true, Cancel);
    }
}
