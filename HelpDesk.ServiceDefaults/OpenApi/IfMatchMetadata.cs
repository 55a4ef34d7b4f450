namespace HelpDesk.ServiceDefaults.OpenApi;

/// <summary>
/// The endpoint reads <c>If-Match</c> (the resource's ETag from a GET): a stale version is refused with 412, and
/// when <see cref="Required"/> a request without it is refused with 428.
/// </summary>
public sealed record IfMatchMetadata(bool Required);
