namespace HelpDesk.Web.Gateway;

public sealed record DailyVolume(DateOnly Date, int Created, int Resolved);
