namespace HelpDesk.Web.Endpoints;

/// <summary>One suggested article; <see cref="Snippet"/> is already HTML-encoded (with the KB's mark tags).</summary>
public sealed record SuggestionItem(string Title, string Snippet, string Url);
