using System.Net.Mail;

namespace HelpDesk.Notifications.Domain;

public static class EmailAddress
{
    /// <summary>One plain address (no display name, no list), at most 320 characters.</summary>
    public static bool IsValid(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= 320 && MailAddress.TryCreate(value.Trim(), out var parsed) && parsed.Address == value.Trim();
}
