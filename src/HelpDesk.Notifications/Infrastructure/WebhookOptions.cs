namespace HelpDesk.Notifications.Infrastructure;

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
