namespace HelpDesk.Web.Gateway;

public sealed record PortalChoices(string Portal, IReadOnlyList<PortalChoice> Choices);
