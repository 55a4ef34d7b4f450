namespace HelpDesk.Web.Gateway;

/// <summary>A search or suggestion hit; <see cref="Snippet"/> carries the KB's own &lt;mark&gt; tags around matched words.</summary>
public sealed record KbHit(Guid ArticleId, int Version, string Title, string Snippet, double Score, string Language, string Category);
