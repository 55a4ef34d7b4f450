namespace HelpDesk.Web.Gateway;

/// <summary>
/// What routing serves a portal for one catalogue item, in one language (<c>GET /api/v1/routing/catalog-forms/{key}</c>):
/// the questions of its current version and the KB articles to offer before the form is sent.
/// </summary>
public sealed record CatalogForm(
    string Key, int Version, string Language, string Name, string Description, IReadOnlyList<CatalogFormField> Fields,
    IReadOnlyList<string> KbArticles, bool PreApproved);
