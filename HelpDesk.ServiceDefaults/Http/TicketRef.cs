namespace HelpDesk.ServiceDefaults.Http;

/// <summary>
/// A ticket as a caller names it in a URL: its id (a GUID) or its number (HD-000123, any case). Every API that takes
/// a ticket takes either; the service resolves a number to the id through its own copy of the ticket.
/// </summary>
public readonly record struct TicketRef
{
    /// <summary>The longest ticket number any service stores.</summary>
    public const int MaxNumberLength = 32;

    private TicketRef(Guid? id, string? number)
    {
        Id = id;
        Number = number;
    }

    /// <summary>The id when the caller gave one.</summary>
    public Guid? Id { get; }

    /// <summary>The number, upper case, when the caller gave one.</summary>
    public string? Number { get; }

    /// <summary>Minimal APIs bind route and query values with this: a GUID, or a number such as HD-000123.</summary>
    public static bool TryParse(string? value, out TicketRef ticket)
    {
        ticket = default;
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        if (Guid.TryParse(text, out var id))
        {
            ticket = new TicketRef(id, null);
            return true;
        }
        // A number is a prefix, a dash and a sequence (HD-000123); anything else is neither, and is refused with a 400.
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (text.Length > MaxNumberLength || dash < 1 || dash == text.Length - 1 || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return false;
        }
        ticket = new TicketRef(null, text.ToUpperInvariant());
        return true;
    }

    public static TicketRef Of(Guid id) => new(id, null);

    public override string ToString() => Number ?? Id?.ToString() ?? "";
}
