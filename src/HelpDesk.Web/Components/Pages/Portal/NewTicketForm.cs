namespace HelpDesk.Web.Components.Pages.Portal;

/// <summary>The short form behind one portal choice. <see cref="Key"/> is made when the form is shown: a double submit files one ticket.</summary>
public sealed class NewTicketForm
{
    public string? Key { get; set; }
    public string? Subject { get; set; }
    public string? Description { get; set; }
    public string? Impact { get; set; }
    public string? Urgency { get; set; }
    public string? AttachmentUrl { get; set; }
}
