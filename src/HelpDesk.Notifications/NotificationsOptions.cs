namespace HelpDesk.Notifications;

/// <summary>Configuration section "Notifications".</summary>
public sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    /// <summary>Language for staff recipients (assignee, queue, approver) without a preference.</summary>
    public string DefaultLanguage { get; set; } = "en";

    public EmailOptions Email { get; set; } = new();

    public WebhookOptions Webhooks { get; set; } = new();

    public DeliveryOptions Delivery { get; set; } = new();
}

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

public sealed class WebhookOptions
{
    /// <summary>Allows loopback/private/link-local targets (tests, on-premises receivers). Off by default: SSRF guard.</summary>
    public bool AllowPrivateTargets { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Circuit breaker per endpoint: opens when this share of calls fails within the sampling window...</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>...and at least this many calls were made in the window.</summary>
    public int BreakerMinimumThroughput { get; set; } = 5;

    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class DeliveryOptions
{
    /// <summary>Attempts (since creation or the last replay) before a delivery is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Back-off before retry n is BaseDelay·2^(n-1), capped at MaxDelay, with jitter in [50%, 100%].</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; set; } = 50;

    public int MaxParallelism { get; set; } = 8;

    /// <summary>How long a worker owns a delivery it is sending; after a crash another worker resends it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Turns the background sender off (e.g. a replica that only serves the API).</summary>
    public bool WorkerEnabled { get; set; } = true;
}
