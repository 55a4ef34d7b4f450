namespace HelpDesk.ServiceDefaults.OpenApi;

/// <summary>
/// <c>HelpDesk:OpenApi</c>: how the documents present the API to clients. Clients must call the gateway, never a
/// service, so the document's server is the gateway's public URL.
/// </summary>
public sealed class OpenApiPublishingOptions
{
    public const string Section = "HelpDesk:OpenApi";

    /// <summary>
    /// The gateway's public URL as clients reach it (e.g. the Kubernetes ingress, <c>https://helpdesk.example.org</c>).
    /// When empty, the URL the request for the document came through (the gateway's <c>X-Forwarded-*</c>) is used.
    /// </summary>
    public string? ServerUrl { get; set; }
}
