namespace HelpDesk.Routing.Domain;

/// <summary>
/// An agent's verdict on a ticket's category: a labelled example in the desk's own words and language, which
/// <c>train-from-tickets</c> learns from. One per ticket; a later correction replaces the earlier one.
/// </summary>
public sealed class CategoryCorrection
{
    public Guid TicketId { get; set; }
    public required string Subject { get; set; }
    public required string Description { get; set; }
    public required string Language { get; set; }
    public required string PreviousCategory { get; set; }
    public required string Category { get; set; }
    public required string CorrectedBy { get; set; }
    public DateTimeOffset CorrectedAt { get; set; }
}
