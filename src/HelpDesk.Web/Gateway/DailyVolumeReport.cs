namespace HelpDesk.Web.Gateway;

public sealed record DailyVolumeReport(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<DailyVolume> Days);
