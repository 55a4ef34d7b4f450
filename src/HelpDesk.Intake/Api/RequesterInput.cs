using HelpDesk.ServiceDefaults.OpenApi;

namespace HelpDesk.Intake.Api;

public sealed record RequesterInput(
    [ApiExample("\"ada@example.org\"")] string? Email,
    [ApiExample("\"Ada Lovelace\"")] string? Name = null,
    [ApiExample("\"acme\"")] string? Organisation = null);
