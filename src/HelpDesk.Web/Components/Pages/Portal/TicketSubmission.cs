namespace HelpDesk.Web.Components.Pages.Portal;

/// <summary>The intake submission a portal form makes: the choice decides type, category and catalogue item (with the form's answers); the requester comes from the token.</summary>
public static class TicketSubmission
{
    public static object From(string portal, PortalChoice choice, NewTicketForm form, string language, IReadOnlyDictionary<string, object>? answers = null)
    {
        var url = form.AttachmentUrl?.Trim();
        object[] attachments = string.IsNullOrEmpty(url)
            ? []
            : [new { name = NameOf(url), contentType = "application/octet-stream", sizeBytes = 0, url }];
        return new
        {
            subject = form.Subject?.Trim() ?? "",
            description = form.Description?.Trim() ?? "",
            type = choice.Type,
            channel = "Portal",
            impact = form.Impact ?? "Low",
            urgency = form.Urgency ?? "Medium",
            language,
            catalogItem = choice.CatalogItem,
            // The catalogue form's answers (typed, keyed by question); Intake checks them against the item's form.
            answers,
            portal,
            // The choice travels as a tag, so reports and rules can tell which entry point a ticket came through.
            tags = choice.Category is { Length: > 0 } category ? new[] { "choice:" + choice.Key.ToLowerInvariant(), Tag(category) } : ["choice:" + choice.Key.ToLowerInvariant()],
            attachments,
        };
    }

    private static string NameOf(string url)
    {
        var name = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? Path.GetFileName(uri.AbsolutePath) : "";
        return string.IsNullOrWhiteSpace(name) ? "link" : name;
    }

    private static string Tag(string category) =>
        new string([.. category.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
}
