using HelpDesk.ServiceDefaults.OpenApi;

namespace HelpDesk.KnowledgeBase.Api;

public sealed record ArticleInput(
    [ApiExample("\"VPN drops every few minutes\"")] string? Title,
    [ApiExample("\"Open the VPN client settings and switch the protocol to IKEv2, then reconnect.\"")] string? Body,
    [ApiExample("\"en\"")] string? Language,
    [ApiExample("\"Network\"")] string? Category,
    [ApiExample("[\"vpn\", \"remote-work\"]")] IReadOnlyList<string>? Tags,
    [ApiExample("2")] int? ExpectedVersion = null);
