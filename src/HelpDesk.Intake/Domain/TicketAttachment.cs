namespace HelpDesk.Intake.Domain;

/// <summary>Metadata of a file stored elsewhere (the channel keeps the bytes; Intake keeps where and what).</summary>
public sealed class TicketAttachment
{
    public required string Name { get; set; }

    public string? ContentType { get; set; }

    public long SizeBytes { get; set; }

    public string? Url { get; set; }
}
