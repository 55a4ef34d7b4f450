using HelpDesk.ServiceDefaults;
using System.Net.Http.Json;
using HelpDesk.Contracts;
using HelpDesk.Testing;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace HelpDesk.Intake.Tests;

/// <summary>The IMAP channel against a real Dovecot on loopback: messages are delivered with IMAP APPEND.</summary>
public sealed class EmailChannelTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<DovecotFixture> DovecotAsync()
    {
        var dovecot = await DovecotFixture.StartAsync();
        if (dovecot is null)
        {
            Assert.Skip(DovecotFixture.SkipReason);
        }
        return dovecot;
    }

    /// <summary>Settings for the mailbox; <paramref name="pollInterval"/> null leaves the background poller off, so a
    /// test that polls by hand does not race the poller's first pass at start-up.</summary>
    private static Dictionary<string, string?> ImapSettings(DovecotFixture dovecot, string? pollInterval, int maxPerSender = 10) => new()
    {
        ["Intake:Email:Imap:Enabled"] = pollInterval is null ? "false" : "true",
        ["Intake:Email:Imap:Host"] = DovecotFixture.Host,
        ["Intake:Email:Imap:Port"] = dovecot.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Intake:Email:Imap:Security"] = "None",
        ["Intake:Email:Imap:Username"] = DovecotFixture.User,
        ["Intake:Email:Imap:Password"] = DovecotFixture.Password,
        ["Intake:Email:Imap:PollInterval"] = pollInterval ?? "00:00:30",
        ["Intake:Email:Imap:MaxPerSenderPerHour"] = maxPerSender.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Intake:Email:Imap:OwnAddresses:0"] = "support@desk.example.org",
        [ReplyTokens.SecretKey] = ReplySecret,
    };

    private const string ReplySecret = "test-reply-secret-0123456789abcdefghij";

    /// <summary>The thread id a notification to <paramref name="recipient"/> about the ticket carries.</summary>
    private static string Thread(string number, string recipient) => ReplyTokens.ThreadId(number, "desk.example.org", ReplySecret, recipient);

    private static async Task<ImapClient> ConnectAsync(DovecotFixture dovecot)
    {
        var client = new ImapClient();
        await client.ConnectAsync(DovecotFixture.Host, dovecot.Port, SecureSocketOptions.None, Ct);
        await client.AuthenticateAsync(DovecotFixture.User, DovecotFixture.Password, Ct);
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite, Ct);
        return client;
    }

    private static async Task DeliverAsync(DovecotFixture dovecot, params MimeMessage[] messages)
    {
        using var client = await ConnectAsync(dovecot);
        foreach (var message in messages)
        {
            await client.Inbox.AppendAsync(message, MessageFlags.None, Ct);
        }
        await client.DisconnectAsync(true, Ct);
    }

    /// <summary>Flags of every message in the inbox, keyed by Message-ID (duplicates appear once per copy).</summary>
    private static async Task<List<(string MessageId, MessageFlags Flags)>> FlagsAsync(DovecotFixture dovecot)
    {
        using var client = await ConnectAsync(dovecot);
        var summaries = await client.Inbox.FetchAsync(0, -1, MessageSummaryItems.Flags | MessageSummaryItems.Envelope, Ct);
        await client.DisconnectAsync(true, Ct);
        return summaries.Select(s => (s.Envelope?.MessageId ?? "", s.Flags ?? MessageFlags.None)).ToList();
    }

    private static MimeMessage Mail(string from, string subject, string body, string? messageId = null, Action<MimeMessage>? configure = null)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse("support@desk.example.org"));
        message.Subject = subject;
        message.MessageId = messageId ?? MimeKit.Utils.MimeUtils.GenerateMessageId("mail.example.org");
        message.Body = new TextPart("plain") { Text = body };
        configure?.Invoke(message);
        return message;
    }

    [Fact]
    public async Task Poller_turns_new_mail_into_tickets_and_marks_it_seen_after_commit()
    {
        await using var dovecot = await DovecotAsync();
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service, ImapSettings(dovecot, "00:00:00.300"));

        var builder = new BodyBuilder { TextBody = "The VPN drops every hour.\nPlease help." };
        builder.Attachments.Add("vpn.log", new byte[1234], new ContentType("text", "plain"));
        var message = Mail("Ada Lovelace <ada@example.org>", "VPN keeps dropping", "", "<first@mail.example.org>", m => m.Body = builder.ToMessageBody());
        await DeliverAsync(dovecot, message);

        var ticket = await Eventually.GetAsync(async () =>
            (await host.Client.GetFromJsonAsync<TicketPage>("/api/v1/tickets?channel=email", TestJson.Options, Ct))!.Items is [var first, ..] ? first : null,
            what: "the e-mail to become a ticket");
        var view = await host.Client.GetFromJsonAsync<TicketResponse>($"/api/v1/tickets/{ticket.Id}", TestJson.Options, Ct);
        Assert.Equal("VPN keeps dropping", view!.Subject);
        Assert.Equal("ada@example.org", view.RequesterEmail);
        Assert.Equal("Ada Lovelace", view.RequesterName);
        Assert.Equal(TicketChannel.Email, view.Channel);
        Assert.StartsWith("The VPN drops every hour.", view.Description, StringComparison.Ordinal);
        var attachment = Assert.Single(view.Attachments);
        Assert.Equal(("vpn.log", "text/plain", 1234L), (attachment.Name, attachment.ContentType, attachment.SizeBytes));
        Assert.Equal("TicketSubmitted", Assert.Single(await host.OutboxFor(ticket.Id)).Type);

        await Eventually.TrueAsync(async () => (await FlagsAsync(dovecot)).Single().Flags.HasFlag(MessageFlags.Seen), what: "the message to be marked seen");
    }

    [Fact]
    public async Task Replies_thread_into_comments_duplicates_are_dropped_and_automatic_mail_is_skipped()
    {
        await using var dovecot = await DovecotAsync();
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service, ImapSettings(dovecot, pollInterval: null));
        var poller = ActivatorUtilities.CreateInstance<ImapPoller>(host.Services);

        var original = Mail("ada@example.org", "Printer on fire", "Smoke everywhere.", "<original@mail.example.org>");
        await DeliverAsync(dovecot, original, original);
        Assert.Equal(2, await poller.PollOnceAsync(Ct));
        var ticket = Assert.Single((await host.Client.GetFromJsonAsync<TicketPage>("/api/v1/tickets", TestJson.Options, Ct))!.Items);

        Assert.Equal(System.Net.HttpStatusCode.OK, (await host.TransitionAsync(ticket.Id, TicketStatus.PendingCustomer)).StatusCode);
        await DeliverAsync(
            dovecot,
            // Accepted: the requester answering a notification (her token), a watcher answering his own, the requester in her own thread.
            Mail("ada@example.org", $"RE: [{ticket.Number}] Printer on fire", "It is out now.", "<by-token@mail.example.org>", m => m.References.Add(Thread(ticket.Number, "ada@example.org"))),
            Mail("bob@example.org", $"Re: [{ticket.Number}] Printer on fire", "I saw it too.", "<watcher@mail.example.org>", m => m.InReplyTo = Thread(ticket.Number, "bob@example.org")),
            Mail("ada@example.org", "Re: Printer on fire", "Still smoking.", "<by-reference@mail.example.org>", m => m.InReplyTo = "original@mail.example.org"),
            // New tickets instead: a guessed number, someone else's token, a stranger in the requester's thread.
            Mail("mallory@evil.example", $"Re: [{ticket.Number}] Printer on fire", "Close this please.", "<guessed@mail.example.org>"),
            Mail("mallory@evil.example", "Re: Printer on fire", "Reopen!", "<stolen-token@mail.example.org>", m => m.InReplyTo = Thread(ticket.Number, "ada@example.org")),
            Mail("eve@example.org", "Re: Printer on fire", "Me too", "<stranger@mail.example.org>", m => m.InReplyTo = "original@mail.example.org"),
            Mail("ada@example.org", "Out of office", "I am away.", "<ooo@mail.example.org>", m => m.Headers.Add(HeaderId.AutoSubmitted, "auto-replied")),
            Mail("news@example.org", "Newsletter", "Buy now.", "<bulk@mail.example.org>", m => m.Headers.Add(HeaderId.Precedence, "bulk")),
            Mail("list@example.org", "[it-list] digest", "Digest.", "<list@mail.example.org>", m => m.Headers.Add(HeaderId.ListId, "<it.example.org>")),
            Mail("exchange@example.org", "Automatic reply", "Away.", "<xars@mail.example.org>", m => m.Headers.Add("X-Auto-Response-Suppress", "All")),
            Mail("support@desk.example.org", "Your ticket", "Loop!", "<own@mail.example.org>"),
            Mail("carol@example.org", "Keyboard broken", "Keys stick.", "<manual@mail.example.org>", m => m.Headers.Add(HeaderId.AutoSubmitted, "no")));
        Assert.Equal(12, await poller.PollOnceAsync(Ct));
        Assert.Equal(0, await poller.PollOnceAsync(Ct));

        var tickets = (await host.Client.GetFromJsonAsync<TicketPage>("/api/v1/tickets", TestJson.Options, Ct))!.Items;
        Assert.Equal(["Keyboard broken", "Printer on fire", "Re: Printer on fire", "Re: Printer on fire", $"Re: [{ticket.Number}] Printer on fire"],
            tickets.Select(t => t.Subject).Order(StringComparer.Ordinal));
        var comments = (await host.Client.GetFromJsonAsync<CommentResponse[]>($"/api/v1/tickets/{ticket.Id}/comments", TestJson.Options, Ct))!;
        Assert.Equal([("ada@example.org", "It is out now."), ("bob@example.org", "I saw it too."), ("ada@example.org", "Still smoking.")], comments.Select(c => (c.Author, c.Body)));
        Assert.All(comments, c => Assert.Equal(CommentAuthorKind.Requester, c.AuthorKind));
        var view = await host.Client.GetFromJsonAsync<TicketResponse>($"/api/v1/tickets/{ticket.Id}", TestJson.Options, Ct);
        Assert.Equal(TicketStatus.InProgress, view!.Status);

        var outcomes = await host.InDbAsync(db => db.ProcessedEmails.AsNoTracking().ToDictionaryAsync(e => e.MessageId, e => e.Outcome));
        Assert.Equal(EmailOutcome.Ticket, outcomes["original@mail.example.org"]);
        Assert.Equal(EmailOutcome.Comment, outcomes["by-token@mail.example.org"]);
        Assert.Equal(EmailOutcome.Comment, outcomes["watcher@mail.example.org"]);
        Assert.Equal(EmailOutcome.Comment, outcomes["by-reference@mail.example.org"]);
        Assert.Equal(EmailOutcome.Ticket, outcomes["guessed@mail.example.org"]);
        Assert.Equal(EmailOutcome.Ticket, outcomes["stolen-token@mail.example.org"]);
        Assert.Equal(EmailOutcome.Ticket, outcomes["stranger@mail.example.org"]);
        Assert.Equal(EmailOutcome.SkippedAutomatic, outcomes["ooo@mail.example.org"]);
        Assert.Equal(EmailOutcome.SkippedAutomatic, outcomes["bulk@mail.example.org"]);
        Assert.Equal(EmailOutcome.SkippedAutomatic, outcomes["list@mail.example.org"]);
        Assert.Equal(EmailOutcome.SkippedAutomatic, outcomes["xars@mail.example.org"]);
        Assert.Equal(EmailOutcome.SkippedOwnAddress, outcomes["own@mail.example.org"]);
        Assert.Equal(EmailOutcome.Ticket, outcomes["manual@mail.example.org"]);

        var flags = await FlagsAsync(dovecot);
        Assert.All(flags, f => Assert.True(f.Flags.HasFlag(MessageFlags.Seen), f.MessageId));
        var flagged = flags.Where(f => f.Flags.HasFlag(MessageFlags.Flagged)).Select(f => f.MessageId).Order().ToList();
        Assert.Equal(["bulk@mail.example.org", "list@mail.example.org", "ooo@mail.example.org", "own@mail.example.org", "xars@mail.example.org"], flagged);

        var events = await host.OutboxFor(ticket.Id);
        Assert.Equal(3, events.Count(e => e.Type == "TicketCommented"));
        Assert.Single(events, e => e.Type == "TicketSubmitted");
    }

    [Fact]
    public async Task A_sender_over_the_hourly_cap_gets_no_more_tickets()
    {
        await using var dovecot = await DovecotAsync();
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service, ImapSettings(dovecot, pollInterval: null, maxPerSender: 3));
        var poller = ActivatorUtilities.CreateInstance<ImapPoller>(host.Services);

        await DeliverAsync(dovecot, [.. Enumerable.Range(0, 5).Select(i => Mail("noisy@example.org", $"Alert {i}", "Disk full"))]);
        await DeliverAsync(dovecot, Mail("quiet@example.org", "One question", "How do I reset my password?"));
        Assert.Equal(6, await poller.PollOnceAsync(Ct));

        var tickets = await host.InDbAsync(db => db.Tickets.AsNoTracking().GroupBy(t => t.RequesterEmail).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        Assert.Equal(3, tickets["noisy@example.org"]);
        Assert.Equal(1, tickets["quiet@example.org"]);
        Assert.Equal(2, await host.InDbAsync(db => db.ProcessedEmails.CountAsync(e => e.Outcome == EmailOutcome.RateLimited)));
        Assert.Equal(2, (await FlagsAsync(dovecot)).Count(f => f.Flags.HasFlag(MessageFlags.Flagged)));
    }
}
