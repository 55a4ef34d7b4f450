namespace HelpDesk.Notifications.Infrastructure;

public sealed class EmailOptions
{
    /// <summary>SMTP server; when empty (and no pickup directory), e-mail deliveries fail with an explanatory error until configured.</summary>
    public string? Host { get; set; }

    /// <summary>
    /// Used when no <see cref="Host"/> is set: each e-mail is written there as an .eml file instead of being sent.
    /// Local runs set it to the data directory, so nothing is lost and every mail can be opened.
    /// </summary>
    public string? PickupDirectory { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>None, Auto, SslOnConnect, StartTls or StartTlsWhenAvailable (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "StartTlsWhenAvailable";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "helpdesk@helpdesk.local";

    public string FromName { get; set; } = "HelpDesk";

    /// <summary>Right-hand side of Message-ID and the ticket thread id: &lt;ticket-HD-000123@Domain&gt;.</summary>
    public string Domain { get; set; } = "helpdesk.local";

    /// <summary>The secret of reply tokens, shared with Intake (HelpDesk:EmailReplySecret, set at start-up).</summary>
    public string? ReplySecret { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
