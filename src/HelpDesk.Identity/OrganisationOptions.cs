namespace HelpDesk.Identity;

public sealed class OrganisationOptions
{
    public string Id { get; set; } = "";

    public string? Name { get; set; }

    public bool ShareTickets { get; set; }
}
