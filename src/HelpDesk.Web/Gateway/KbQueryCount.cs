namespace HelpDesk.Web.Gateway;

public sealed record KbQueryCount(string Query, int Count, DateTimeOffset LastSearchedAt);
