namespace HelpDesk.Routing.Api;

public sealed record PortalChoicesView(string Portal, IReadOnlyList<PortalChoiceView> Choices);
