using System.Net.Mail;

namespace HelpDesk.Notifications.Api;

/// <summary>Collects field errors (camelCase names) for a 400 validation problem.</summary>
public sealed class Validation
{
    public Dictionary<string, string[]> Errors { get; } = [];

    public bool IsValid => Errors.Count == 0;

    public void Add(string field, string message) =>
        Errors[field] = Errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    public static bool IsEmail(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= 320 && MailAddress.TryCreate(value.Trim(), out var parsed) && parsed.Address == value.Trim();
}
