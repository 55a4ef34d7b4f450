using Elastic.Clients.Elasticsearch;
using Elastic.Transport;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Elasticsearch;

/// <summary>
/// The official client for the configured cluster: basic authentication from the URL's user info
/// (https://user:password@host:9200) or an API key (<c>KnowledgeBase:ElasticsearchApiKey</c>).
/// <paramref name="wrapHandler"/> lets tests put a recording handler in the client's own HTTP transport.
/// </summary>
public static class ElasticsearchClientFactory
{
    public static ElasticsearchClient Create(KnowledgeBaseOptions options, Func<HttpMessageHandler, HttpMessageHandler>? wrapHandler = null)
    {
        var url = options.ElasticsearchUrl
            ?? throw new InvalidOperationException("KnowledgeBase:SearchBackend is elasticsearch but no KnowledgeBase:ElasticsearchUrl or ConnectionStrings:elasticsearch is set.");
        var node = new UriBuilder(url) { UserName = "", Password = "" }.Uri;
        IRequestInvoker invoker = wrapHandler is null ? new HttpRequestInvoker() : new HttpRequestInvoker((inner, _) => wrapHandler(inner));
        var settings = new ElasticsearchClientSettings(new SingleNodePool(node), invoker)
            .RequestTimeout(options.ElasticsearchTimeout);
        if (!string.IsNullOrEmpty(options.ElasticsearchApiKey))
        {
            settings = settings.Authentication(new ApiKey(options.ElasticsearchApiKey));
        }
        else if (url.UserInfo.Split(':', 2) is [var user, var password] && user.Length > 0)
        {
            settings = settings.Authentication(new BasicAuthentication(Uri.UnescapeDataString(user), Uri.UnescapeDataString(password)));
        }
        return new ElasticsearchClient(settings);
    }
}
