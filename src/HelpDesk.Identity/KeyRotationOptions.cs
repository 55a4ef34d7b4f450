namespace HelpDesk.Identity;

/// <summary>Signing and encryption keys are self-signed certificates kept in identitydb and rolled over automatically.</summary>
public sealed class KeyRotationOptions
{
    /// <summary>A new key is made this often.</summary>
    public TimeSpan RotationPeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>A new key is published (JWKS) this long before it signs, so relying parties have fetched it.</summary>
    public TimeSpan PublishAhead { get; set; } = TimeSpan.FromDays(2);

    /// <summary>A superseded signing key stays published this long, so tokens it signed still verify.</summary>
    public TimeSpan SigningGrace { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often each replica checks for due rotations and picks up keys made by other replicas.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromHours(1);
}
