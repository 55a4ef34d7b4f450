namespace HelpDesk.Intake.Api;

/// <summary>GET /api/v1/reports/tickets/daily: every UTC day of [From, To), days without tickets included.</summary>
public sealed record DailyVolumeReport(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<DailyVolume> Days);
