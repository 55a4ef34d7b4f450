namespace HelpDesk.Notifications.Api;

public sealed record PreferenceResponse(string Email, string? Language, IReadOnlyList<OptOut> OptOuts);
