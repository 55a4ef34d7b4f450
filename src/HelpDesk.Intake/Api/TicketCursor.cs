using System.Text;

namespace HelpDesk.Intake.Api;

/// <summary>The opaque <c>nextCursor</c> of ticket lists: a versioned, base64url-encoded ticket sequence.</summary>
public static class TicketCursor
{
    public static string Encode(long sequence) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"t1:{sequence}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The sequence, or null for anything this API did not hand out.</summary>
    public static long? Decode(string cursor)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            return text.StartsWith("t1:", StringComparison.Ordinal) && long.TryParse(text.AsSpan(3), out var sequence) && sequence > 0 ? sequence : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
