namespace HelpDesk.Identity.Domain;

/// <summary>A customer organisation (company, department) that requesters belong to.</summary>
public sealed class Organisation
{
    /// <summary>Stable slug, e.g. "acme"; carried in tokens as the "org" claim.</summary>
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>When true, its requesters see every ticket raised by anyone in the organisation (read and comment).</summary>
    public bool ShareTickets { get; set; }
}
