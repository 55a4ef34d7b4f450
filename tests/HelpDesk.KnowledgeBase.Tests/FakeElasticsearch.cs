using System.IO.Compression;
using System.Net;
using System.Text;
using Elastic.Clients.Elasticsearch;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HelpDesk.KnowledgeBase.Tests;

/// <summary>
/// Elasticsearch cannot run here, so the official client runs against this: a handler placed inside the client's own
/// HTTP transport (<c>HttpRequestInvoker</c>) that records every request the client really sends (method, path with
/// query, body) and answers with recorded responses shaped like Elasticsearch's documented examples
/// (Recorded/Elasticsearch/*.json). Several responses for one request are replayed in order.
/// </summary>
internal sealed class FakeElasticsearch : HttpMessageHandler
{
    private readonly Dictionary<string, Queue<(HttpStatusCode Status, string Body)>> _responses = new(StringComparer.Ordinal);

    public List<RecordedRequest> Requests { get; } = [];

    public static string Recorded(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Recorded", "Elasticsearch", name));

    /// <summary>Answers "METHOD /path" (query string ignored) with <paramref name="body"/>; call again to queue more.</summary>
    public FakeElasticsearch On(string key, string body, HttpStatusCode status = HttpStatusCode.OK)
    {
        if (!_responses.TryGetValue(key, out var queue))
        {
            _responses[key] = queue = new();
        }
        queue.Enqueue((status, body));
        return this;
    }

    public RecordedRequest Single(string key) => Requests.Single(r => r.Key == key);

    public IReadOnlyList<RecordedRequest> All(string key) => [.. Requests.Where(r => r.Key == key)];

    public ElasticsearchSearchBackend Backend(KnowledgeBaseOptions? options = null, TimeProvider? time = null, SynonymCatalog? synonyms = null)
    {
        options ??= new KnowledgeBaseOptions();
        options.ElasticsearchUrl ??= new Uri("http://elasticsearch.test:9200");
        var client = ElasticsearchClientFactory.Create(options, _ => this);
        return new ElasticsearchSearchBackend(client, new QueryPlanner(KbAnalysis.Shared, synonyms ?? new SynonymCatalog(KbAnalysis.Shared)),
            Options.Create(options), time ?? TimeProvider.System, NullLogger<ElasticsearchSearchBackend>.Instance);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var key = $"{request.Method} {request.RequestUri!.AbsolutePath}";
        var body = request.Content is null ? "" : await ReadAsync(request.Content, cancellationToken);
        Requests.Add(new RecordedRequest(key, request.RequestUri.Query, body, request.Content?.Headers.ContentType?.MediaType, request.Headers.Authorization?.ToString()));
        var (status, text) = _responses.TryGetValue(key, out var queue) && queue.Count > 0
            ? (queue.Count > 1 ? queue.Dequeue() : queue.Peek())
            : (HttpStatusCode.NotFound, $"{{\"error\":{{\"type\":\"no_recording\",\"reason\":\"no recording for {key}\"}},\"status\":404}}");
        var response = new HttpResponseMessage(status) { Content = new StringContent(text, Encoding.UTF8, "application/json"), RequestMessage = request };
        response.Headers.Add("X-Elastic-Product", "Elasticsearch");
        return response;
    }

    /// <summary>The client compresses request bodies (gzip) when the transport is set to: what it sent, uncompressed.</summary>
    private static async Task<string> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var bytes = await content.ReadAsByteArrayAsync(cancellationToken);
        if (content.Headers.ContentEncoding.Contains("gzip") || bytes is [0x1f, 0x8b, ..])
        {
            await using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            await gzip.CopyToAsync(plain, cancellationToken);
            bytes = plain.ToArray();
        }
        return Encoding.UTF8.GetString(bytes);
    }
}

internal sealed record RecordedRequest(string Key, string Query, string Body, string? ContentType, string? Authorization);
