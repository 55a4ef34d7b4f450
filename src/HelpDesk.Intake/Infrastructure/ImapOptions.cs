using MailKit.Security;

namespace HelpDesk.Intake.Infrastructure;

/// <summary>Configuration section <c>Intake:Email:Imap</c>. The poller runs only when <see cref="Enabled"/> is true.</summary>
public sealed class ImapOptions
{
    public const string Section = "Intake:Email:Imap";

    public bool Enabled { get; set; }

    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 143;

    /// <summary>None, Auto, SslOnConnect, StartTls or StartTlsWhenAvailable (MailKit's SecureSocketOptions).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string Folder { get; set; } = "INBOX";

    /// <summary>Where turned-into-ticket messages go; empty keeps them in <see cref="Folder"/> marked \Seen.</summary>
    public string? ProcessedFolder { get; set; }

    /// <summary>Where skipped messages (automatic, rate-capped, unreadable) go; empty marks them \Seen and \Flagged.</summary>
    public string? SkippedFolder { get; set; }

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Messages per poll; the rest wait for the next poll.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Loop protection: at most this many tickets/comments per sender per hour; the excess is skipped.</summary>
    public int MaxPerSenderPerHour { get; set; } = 10;

    /// <summary>The desk's own addresses: mail from them is never turned into tickets (it would loop).</summary>
    public List<string> OwnAddresses { get; set; } = [];
}
