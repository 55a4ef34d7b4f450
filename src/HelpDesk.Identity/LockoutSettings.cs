namespace HelpDesk.Identity;

/// <summary>ASP.NET Core Identity lockout: after this many wrong passwords the account is locked for a while.</summary>
public sealed class LockoutSettings
{
    public int MaxFailedAttempts { get; set; } = 5;

    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}
