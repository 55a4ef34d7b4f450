namespace HelpDesk.Web.Components.Pages.Portal;

/// <summary>
/// What a portal choice backed by a catalogue item shows: the item's form in the person's language (read with their
/// token) and its linked KB articles, offered before the form is sent. The articles' titles are read with the web
/// app's own token, so listing them does not count as the requester visiting them; opening one does.
/// </summary>
public sealed record CatalogueRequest(CatalogForm Form, IReadOnlyList<KbArticle> Articles)
{
    public static async Task<ApiResult<CatalogueRequest>> LoadAsync(GatewayApi person, GatewayApi app, string item, string language, CancellationToken cancellationToken)
    {
        var read = await person.CatalogFormAsync(item, language, cancellationToken);
        if (read.Value is not { } form)
        {
            return new ApiResult<CatalogueRequest>(null, read.Status, read.Problem);
        }
        // Linked articles are KB article ids; anything else (an id that is not one) is not offered.
        var reads = form.KbArticles.Select(id => Guid.TryParse(id, out var article) ? article : (Guid?)null).OfType<Guid>().Distinct()
            .Select(id => app.ArticleAsync(id, null, cancellationToken));
        var articles = (await Task.WhenAll(reads)).Select(r => r.Value).OfType<KbArticle>().ToList();
        return new ApiResult<CatalogueRequest>(new CatalogueRequest(form, articles), read.Status, null);
    }
}
