namespace HelpDesk.Notifications.Api;

public sealed record PreferenceRequest(string? Language, IReadOnlyList<OptOut>? OptOuts);
