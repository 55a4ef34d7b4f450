namespace HelpDesk.ServiceDefaults.OpenApi;

/// <summary>
/// The endpoint is deprecated since <see cref="Since"/> and will be removed at <see cref="Sunset"/> (when known);
/// <see cref="Successor"/> names what to use instead. Answers carry <c>Deprecation</c> (RFC 9745) and <c>Sunset</c>
/// (RFC 8594) headers and the operation is marked deprecated in the document.
/// </summary>
public sealed record DeprecationMetadata(DateTimeOffset Since, DateTimeOffset? Sunset, string? Successor);
