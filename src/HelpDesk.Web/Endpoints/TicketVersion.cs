namespace HelpDesk.Web.Endpoints;

public sealed record TicketVersion(int Version, string Status, DateTimeOffset UpdatedAt);
